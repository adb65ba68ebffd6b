// Matches a request to a template route the way API Gateway HTTP APIs choose the most specific route.
import type { TemplateRoute } from './template';

/** A matched route and the values of its `{path}` parameters. */
export interface RouteMatch {
  route: TemplateRoute;
  pathParameters: Record<string, string> | undefined;
}

interface CompiledRoute {
  route: TemplateRoute;
  segments: string[];
  greedy: boolean;
  literals: number;
}

const PARAM = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function compile(route: TemplateRoute): CompiledRoute {
  const segments = route.path === '$default' ? [] : route.path.split('/').slice(1);
  const last = segments.at(-1);
  const greedy = last !== undefined && PARAM.exec(last)?.[2] === '+';
  return { route, segments, greedy, literals: segments.filter((s) => !PARAM.test(s)).length };
}

function matchPath(compiled: CompiledRoute, parts: string[]): Record<string, string> | undefined {
  const { segments, greedy } = compiled;
  if (greedy ? parts.length < segments.length : parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    const param = PARAM.exec(segment);
    const part = parts[i];
    if (part === undefined) return undefined;
    if (param === null) {
      if (segment !== part) return undefined;
      continue;
    }
    const name = param[1] ?? '';
    if (param[2] === '+') {
      params[name] = decode(parts.slice(i).join('/'));
      return params;
    }
    // A single-segment variable never matches an empty segment.
    if (part === '') return undefined;
    params[name] = decode(part);
  }
  return params;
}

/**
 * Routes of an HTTP API: exact paths first, then single-segment variables, then greedy ones, then `$default`;
 * within each, a route for the request's method wins over `ANY`.
 * @example const match = new RouteTable(routes).match('POST', '/api/event');
 */
export class RouteTable {
  private readonly compiled: CompiledRoute[];
  private readonly fallback: TemplateRoute | undefined;

  constructor(routes: readonly TemplateRoute[]) {
    this.fallback = routes.find((r) => r.path === '$default');
    this.compiled = routes
      .filter((r) => r.path !== '$default')
      .map(compile)
      .sort(
        (a, b) =>
          Number(a.greedy) - Number(b.greedy) ||
          b.literals - a.literals ||
          b.segments.length - a.segments.length ||
          Number(a.route.method === 'ANY') - Number(b.route.method === 'ANY'),
      );
  }

  /** The route API Gateway would invoke for this method and raw path, or undefined (404 without a function). */
  match(method: string, rawPath: string): RouteMatch | undefined {
    const parts = rawPath.split('/').slice(1);
    const upper = method.toUpperCase();
    for (const compiled of this.compiled) {
      if (compiled.route.method !== 'ANY' && compiled.route.method !== upper) continue;
      const params = matchPath(compiled, parts);
      if (params !== undefined) {
        return { route: compiled.route, pathParameters: Object.keys(params).length > 0 ? params : undefined };
      }
    }
    return this.fallback === undefined ? undefined : { route: this.fallback, pathParameters: undefined };
  }

  /** Every route, for the startup listing. */
  get routes(): TemplateRoute[] {
    return [...this.compiled.map((c) => c.route), ...(this.fallback === undefined ? [] : [this.fallback])];
  }
}
