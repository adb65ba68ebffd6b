// Reads what `pnpm dev` emulates from template.yaml: functions, HTTP routes, CORS and the stream event.
import { dirname, resolve } from 'node:path';
import type { Result } from '@footfall/kernel';
import {
  type CfnTemplate,
  httpRoutes,
  loadTemplate,
  type ParameterValues,
  type StreamEventSettings,
  streamEventSettings,
} from '@footfall/template';
import { DevTemplateError } from './errors';

/** One route of an `HttpApi` event, e.g. `ANY /api/event` or `ANY /dashboard/{file+}`. */
export interface TemplateRoute {
  /** Upper-case method, or ANY. */
  method: string;
  /** Path with `{name}` / `{name+}` parameters, or `$default`. */
  path: string;
  /** The routeKey API Gateway puts in the event. */
  routeKey: string;
  /** The function the route invokes. */
  functionLogicalId: string;
}

/** One `AWS::Serverless::Function`, as far as running it locally needs. */
export interface TemplateFunction {
  logicalId: string;
  /** Absolute code directory: CodeUri resolved against the template's folder. */
  codeDir: string;
  /** `file.export`, as Lambda's Handler setting. */
  handler: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** Environment.Variables (Globals then the function) resolved locally; unresolvable intrinsics are left out. */
  environment: Record<string, string>;
}

/** An HTTP API's CorsConfiguration, resolved to plain values. */
export interface CorsConfiguration {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAge: number | undefined;
  allowCredentials: boolean;
}

/** Everything the dev stack takes from the template. */
export interface DevTemplate {
  path: string;
  functions: Map<string, TemplateFunction>;
  routes: TemplateRoute[];
  /** The HTTP API's CORS settings; undefined when it declares none (preflights then reach the function). */
  cors: CorsConfiguration | undefined;
  stream: StreamEventSettings;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** SAM's defaults when neither the function nor Globals set a value. */
const SAM_DEFAULTS = { timeoutSeconds: 3, memoryMb: 128, handler: 'index.handler' } as const;

function positiveNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** A list written literally, as a Ref to a (CommaDelimitedList) parameter, or as a comma-separated string. */
function stringList(
  template: CfnTemplate,
  value: unknown,
  parameters: ParameterValues,
): string[] | undefined {
  if (value === undefined) return [];
  let resolved: unknown = value;
  if (isObject(value) && typeof value.Ref === 'string') {
    const name = value.Ref;
    resolved = Object.hasOwn(parameters, name) ? parameters[name] : template.Parameters[name]?.Default;
  }
  if (typeof resolved === 'string')
    return resolved
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (Array.isArray(resolved) && resolved.every((s) => typeof s === 'string')) return resolved;
  return undefined;
}

function corsOf(
  template: CfnTemplate,
  parameters: ParameterValues,
): Result<CorsConfiguration | undefined, DevTemplateError> {
  const apis = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Serverless::HttpApi');
  const globals = isObject(template.Globals.HttpApi) ? template.Globals.HttpApi : {};
  const [first] = apis;
  const raw = first?.[1].Properties.CorsConfiguration ?? globals.CorsConfiguration;
  if (raw === undefined || raw === false) return { ok: true, value: undefined };
  // `CorsConfiguration: true` is SAM's shorthand for allowing every origin.
  if (raw === true) {
    return {
      ok: true,
      value: {
        allowOrigins: ['*'],
        allowMethods: ['*'],
        allowHeaders: ['*'],
        exposeHeaders: [],
        maxAge: undefined,
        allowCredentials: false,
      },
    };
  }
  if (!isObject(raw))
    return { ok: false, error: new DevTemplateError('CorsConfiguration must be a map or true') };
  const lists: Record<string, string[]> = {};
  for (const key of ['AllowOrigins', 'AllowMethods', 'AllowHeaders', 'ExposeHeaders']) {
    const list = stringList(template, raw[key], parameters);
    if (list === undefined) {
      return {
        ok: false,
        error: new DevTemplateError(`CorsConfiguration.${key}: expected a list or a parameter Ref`),
      };
    }
    lists[key] = list;
  }
  const maxAge = raw.MaxAge;
  return {
    ok: true,
    value: {
      allowOrigins: lists.AllowOrigins ?? [],
      allowMethods: (lists.AllowMethods ?? []).map((m) => m.toUpperCase()),
      allowHeaders: (lists.AllowHeaders ?? []).map((h) => h.toLowerCase()),
      exposeHeaders: (lists.ExposeHeaders ?? []).map((h) => h.toLowerCase()),
      maxAge: typeof maxAge === 'number' ? maxAge : undefined,
      allowCredentials: raw.AllowCredentials === true,
    },
  };
}

/** What `Ref` and `Fn::Join` resolve to locally: parameter values, and the table's local name. */
interface Resolver {
  template: CfnTemplate;
  parameters: ParameterValues;
  tableName: string;
}

function resolveRef(r: Resolver, name: string): unknown {
  if (Object.hasOwn(r.parameters, name)) return r.parameters[name];
  const parameter = r.template.Parameters[name];
  if (parameter !== undefined) return parameter.Default;
  if (r.template.Resources[name]?.Type === 'AWS::DynamoDB::Table') return r.tableName;
  return undefined;
}

/** A value as an environment variable would see it: literals, Refs and Fn::Join of them; else undefined. */
function resolveValue(r: Resolver, value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (!isObject(value)) return undefined;
  if (typeof value.Ref === 'string') return resolveValue(r, resolveRef(r, value.Ref));
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string') {
    // A Ref to a CommaDelimitedList joins its items; locally the list is kept as its comma-separated text.
    const items = Array.isArray(join[1])
      ? join[1].map((item) => resolveValue(r, item))
      : [resolveValue(r, join[1])];
    if (items.some((item) => item === undefined)) return undefined;
    const parts = items.flatMap((item) =>
      (item ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    );
    return parts.join(join[0]);
  }
  return undefined;
}

function environmentOf(r: Resolver, ...sources: unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of sources) {
    const variables = isObject(source) && isObject(source.Variables) ? source.Variables : {};
    for (const [name, value] of Object.entries(variables)) {
      const resolved = resolveValue(r, value);
      if (resolved !== undefined) out[name] = resolved;
    }
  }
  return out;
}

function functionsOf(r: Resolver, baseDir: string): Map<string, TemplateFunction> {
  const { template } = r;
  const globals = isObject(template.Globals.Function) ? template.Globals.Function : {};
  const functions = new Map<string, TemplateFunction>();
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    const props = resource.Properties;
    const codeUri = props.CodeUri ?? globals.CodeUri;
    const handler = props.Handler ?? globals.Handler;
    if (typeof codeUri !== 'string') continue;
    functions.set(logicalId, {
      logicalId,
      codeDir: resolve(baseDir, codeUri),
      handler: typeof handler === 'string' ? handler : SAM_DEFAULTS.handler,
      timeoutSeconds: positiveNumber(props.Timeout ?? globals.Timeout, SAM_DEFAULTS.timeoutSeconds),
      memoryMb: positiveNumber(props.MemorySize ?? globals.MemorySize, SAM_DEFAULTS.memoryMb),
      environment: environmentOf(r, globals.Environment, props.Environment),
    });
  }
  return functions;
}

/** Local values for the template's parameters and resources. */
export interface DevTemplateOptions {
  /** Parameter values, like `--parameter-overrides`; other parameters take their Default. */
  parameters?: ParameterValues;
  /** Local name of the template's table, which `!Ref Table` resolves to. */
  tableName: string;
}

/**
 * Reads template.yaml with local parameter values and table name.
 * @example const t = readDevTemplate(templatePath(), { parameters: { AllowedSites: 'localhost' }, tableName: 'footfall' });
 */
export function readDevTemplate(
  path: string,
  options: DevTemplateOptions,
): Result<DevTemplate, DevTemplateError> {
  const parameters = options.parameters ?? {};
  const fail = (message: string, cause?: unknown): Result<DevTemplate, DevTemplateError> => ({
    ok: false,
    error: new DevTemplateError(message, cause === undefined ? undefined : { cause }),
  });
  const loaded = loadTemplate(path);
  if (!loaded.ok) return fail(loaded.error.message, loaded.error);
  const template = loaded.value;

  const functions = functionsOf({ template, parameters, tableName: options.tableName }, dirname(path));
  const routes = httpRoutes(template);
  if (!routes.ok) return fail(routes.error.message, routes.error);
  const stream = streamEventSettings(template, { parameters });
  if (!stream.ok) return fail(stream.error.message, stream.error);
  const cors = corsOf(template, parameters);
  if (!cors.ok) return cors;

  for (const id of [...routes.value.map((r) => r.functionLogicalId), stream.value.functionLogicalId]) {
    if (!functions.has(id)) return fail(`function ${id} needs a CodeUri that is a path (the built bundle)`);
  }
  return {
    ok: true,
    value: {
      path,
      functions,
      routes: routes.value.map((r) => ({
        method: r.method,
        path: r.path,
        routeKey: `${r.method} ${r.path}`,
        functionLogicalId: r.functionLogicalId,
      })),
      cors: cors.value,
      stream: stream.value,
    },
  };
}
