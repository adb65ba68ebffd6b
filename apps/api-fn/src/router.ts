// The route table: which handler answers which method and path, and the 404/405/preflight answers.
import type { RouteHandler } from './context';
import type { LegacyPeriodKind, LegacyReport } from './reports/legacy';
import { breakdownRoute } from './routes/breakdown';
import { appendRoute, pixelRoute } from './routes/compat';
import { exportRoute } from './routes/export';
import { eventRoute } from './routes/ingest';
import { signinRoute } from './routes/signin';
import { sitesRoute } from './routes/sites';
import { beaconFileRoute, beaconRoute, dashboardRoute } from './routes/static';
import { timeseriesRoute } from './routes/timeseries';

/**
 * Who may call a route from a browser: `public` routes (the beacon's) answer any origin, since the
 * tracked sites are many and the answer carries nothing; `configured` routes only ALLOWED_ORIGINS.
 */
export type CorsPolicy = 'public' | 'configured' | 'none';

/** One row of the route table. `{name}` matches one path segment, `{name+}` the rest of the path. */
export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: string;
  /** Also answer HEAD like GET (its headers, no body): static files, which caches and link checkers probe. */
  head?: true;
  cors: CorsPolicy;
  handle: RouteHandler;
}

/**
 * A route of the original reporting API, whose module is loaded on its first request: a cold ingest request
 * never reads or parses it (the bundle splits it into its own chunk).
 */
const legacy =
  (report: LegacyReport, kind: LegacyPeriodKind): RouteHandler =>
  async (ctx) => {
    const { legacyRoute } = await import('./routes/legacy');
    return legacyRoute(report, kind)(ctx);
  };

/** A goal route, loaded on its first request like the legacy ones (goals are admin and reporting work). */
const goals =
  (name: 'addGoalRoute' | 'removeGoalRoute' | 'goalsReportRoute'): RouteHandler =>
  async (ctx) =>
    (await import('./routes/goals'))[name](ctx);

/** Every route api-fn answers. */
export const ROUTES: readonly Route[] = [
  { method: 'POST', pattern: '/api/event', cors: 'public', handle: eventRoute },
  { method: 'GET', pattern: '/pv.gif', cors: 'none', handle: pixelRoute },
  { method: 'POST', pattern: '/append', cors: 'public', handle: appendRoute },
  { method: 'POST', pattern: '/api/auth/signin', cors: 'configured', handle: signinRoute },
  { method: 'GET', pattern: '/api/sites', cors: 'configured', handle: sitesRoute },
  { method: 'GET', pattern: '/api/stats/timeseries', cors: 'configured', handle: timeseriesRoute },
  { method: 'GET', pattern: '/api/stats/breakdown', cors: 'configured', handle: breakdownRoute },
  { method: 'GET', pattern: '/api/stats/export', cors: 'configured', handle: exportRoute },
  { method: 'GET', pattern: '/api/stats/goals', cors: 'configured', handle: goals('goalsReportRoute') },
  { method: 'POST', pattern: '/api/sites/{host}/goals', cors: 'configured', handle: goals('addGoalRoute') },
  {
    method: 'DELETE',
    pattern: '/api/sites/{host}/goals/{id}',
    cors: 'configured',
    handle: goals('removeGoalRoute'),
  },
  // The original system's reporting API, so its old dashboard keeps working (docs/compat.md).
  { method: 'POST', pattern: '/api/views/week', cors: 'configured', handle: legacy('views', 'week') },
  { method: 'POST', pattern: '/api/views/month', cors: 'configured', handle: legacy('views', 'month') },
  { method: 'POST', pattern: '/api/browsers/week', cors: 'configured', handle: legacy('browsers', 'week') },
  { method: 'POST', pattern: '/api/browsers/month', cors: 'configured', handle: legacy('browsers', 'month') },
  { method: 'POST', pattern: '/api/pages/week', cors: 'configured', handle: legacy('pages', 'week') },
  { method: 'POST', pattern: '/api/pages/month', cors: 'configured', handle: legacy('pages', 'month') },
  { method: 'GET', pattern: '/beacon.js', cors: 'public', handle: beaconRoute, head: true },
  { method: 'GET', pattern: '/beacon/{file}', cors: 'public', handle: beaconFileRoute, head: true },
  { method: 'GET', pattern: '/dashboard', cors: 'none', handle: dashboardRoute, head: true },
  { method: 'GET', pattern: '/dashboard/{file+}', cors: 'none', handle: dashboardRoute, head: true },
];

/** What the route table says about a method and path. */
export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  /** The path exists but not for this method; `allow` lists the methods it has. */
  | { kind: 'wrong_method'; allow: string[]; cors: CorsPolicy }
  | { kind: 'not_found' };

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const greedy = /^\{(\w+)\+\}$/.exec(w);
    if (greedy?.[1]) {
      if (got.length <= i) return undefined;
      params[greedy[1]] = got.slice(i).join('/');
      return params;
    }
    const g = got[i];
    if (g === undefined) return undefined;
    const single = /^\{(\w+)\}$/.exec(w);
    if (single?.[1]) {
      if (g === '') return undefined;
      params[single[1]] = g;
    } else if (w !== g) return undefined;
  }
  return want.length === got.length ? params : undefined;
}

/**
 * Finds the route for a method and path.
 * @example matchRoute(ROUTES, 'GET', '/api/sites') // { kind: 'found', route, params: {} }
 */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const allow: string[] = [];
  let cors: CorsPolicy = 'none';
  for (const route of routes) {
    const params = matchPattern(route.pattern, path);
    if (!params) continue;
    if (route.method === method || (method === 'HEAD' && route.head)) return { kind: 'found', route, params };
    for (const m of route.head ? [route.method, 'HEAD'] : [route.method])
      if (!allow.includes(m)) allow.push(m);
    cors = route.cors;
  }
  return allow.length > 0 ? { kind: 'wrong_method', allow, cors } : { kind: 'not_found' };
}
