// Builds the Lambda handler: route the request, run its handler, map every failure to a JSON error, log it.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLogger, errorFields, type LogSink } from '@footfall/kernel';
import { isTransientAwsError } from '@footfall/store';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { createKeyProvider } from './authKey';
import type { ApiConfig } from './config';
import {
  MAX_SESSION_CACHE_SECONDS,
  MAX_SITE_CACHE_SECONDS,
  PIPELINE_STATUS_CACHE_SECONDS,
  RETRY_AFTER_SECONDS,
} from './constants';
import type { RequestContext } from './context';
import { ApiError, notFound, ServiceUnavailableError } from './errors';
import {
  corsHeaders,
  empty,
  errorResponse,
  type HttpResponse,
  headersOf,
  queryOf,
  withoutBody,
} from './http';
import type { AlarmReading } from './pipelineAlarm';
import { createPipelineStatusSource } from './pipelineStatus';
import { type CorsPolicy, matchRoute, ROUTES } from './router';
import { withSecurityHeaders } from './securityHeaders';
import { createSessionCache } from './sessionCache';
import { createShareCache } from './shareCache';
import { createSiteCache, type SiteCache } from './siteCache';
import { createStaticFiles } from './staticFiles';

/** What a handler is built from; tests pass their own client, clock, key and log sink. */
export interface ApiHandlerOptions {
  config: ApiConfig;
  dynamodb: DynamoDBClient;
  /** Current time in epoch ms; `Date.now` by default. */
  now?: () => number;
  /** Returns the Fernet keys' text, replacing AUTH_KEY / AUTH_KEY_PARAMETER. */
  loadAuthKey?: () => Promise<string>;
  /** Where log lines go; stdout by default. */
  logSink?: LogSink;
  /** Reads the counting alarm, replacing CloudWatch (tests). */
  readPipelineAlarm?: (alarmName: string) => Promise<AlarmReading>;
  /** The site list; read from the table (at most SITE_CACHE_SECONDS old) by default. Unit tests fix it. */
  sites?: SiteCache;
}

/** The Lambda handler for API Gateway HTTP API (payload 2.0) events. */
export type ApiHandler = (event: APIGatewayProxyEventV2, context?: Partial<Context>) => Promise<HttpResponse>;

/** The request path without the stage prefix API Gateway adds for named stages. */
function routePath(event: APIGatewayProxyEventV2): string {
  const raw = event.rawPath || event.requestContext?.http?.path || '/';
  const stage = event.requestContext?.stage;
  if (stage && stage !== '$default' && (raw === `/${stage}` || raw.startsWith(`/${stage}/`)))
    return raw.slice(stage.length + 1) || '/';
  return raw;
}

function corsFor(policy: CorsPolicy, origin: string | undefined, config: ApiConfig): Record<string, string> {
  if (policy === 'none') return {};
  return corsHeaders(origin, policy === 'public' ? '*' : config.allowedOrigins);
}

/** A share link's id is its credential: log lines name `/share/…`, never the id (secrets never in logs). */
export const loggedPath = (path: string): string => path.slice(0, 200).replace(/(\/shares?\/)[^/]+/g, '$1…');

/** Ingest answers are logged at debug: one line per page view would be most of the log bill. */
const QUIET_ROUTES = new Set(['/api/event', '/pv.gif', '/append']);

/**
 * Creates the API handler for one deployment.
 * @example export const handler = createApiHandler({ config, dynamodb: new DynamoDBClient({}) });
 */
export function createApiHandler(options: ApiHandlerOptions): ApiHandler {
  const { config, dynamodb } = options;
  const now = options.now ?? Date.now;
  const staticFiles = createStaticFiles(config.staticDir);
  const rootLog = createLogger({ level: config.logLevel, sink: options.logSink });
  const authKey = createKeyProvider(config.authKey, {
    load: options.loadAuthKey,
    now,
    onStale: (error) => rootLog.warn('session keys not re-read; the keys in hand go on', errorFields(error)),
  });
  const sessions = createSessionCache((config.sessionCacheSeconds ?? MAX_SESSION_CACHE_SECONDS) * 1000);
  const table = { dynamodb, tableName: config.tableName };
  const pipeline = createPipelineStatusSource({
    alarmName: config.pipelineAlarmName,
    endpoint: config.cloudwatchEndpoint,
    cacheMs: (config.pipelineStatusCacheSeconds ?? PIPELINE_STATUS_CACHE_SECONDS) * 1000,
    now,
    read: options.readPipelineAlarm,
    onError: (error) => rootLog.warn('counting alarm not read; status answers unknown', errorFields(error)),
  });
  const sites = options.sites ?? createSiteCache((config.siteCacheSeconds ?? MAX_SITE_CACHE_SECONDS) * 1000);
  const shares = createShareCache((config.sessionCacheSeconds ?? MAX_SESSION_CACHE_SECONDS) * 1000);

  return async (event, context) => {
    const started = now();
    const method = (event.requestContext?.http?.method ?? 'GET').toUpperCase();
    const path = routePath(event);
    const headers = headersOf(event);
    const log = rootLog.with({
      requestId: event.requestContext?.requestId,
      ...(context?.awsRequestId ? { awsRequestId: context.awsRequestId } : {}),
    });
    const match = matchRoute(ROUTES, method === 'OPTIONS' ? '' : method, path);
    const policy: CorsPolicy =
      match.kind === 'found' ? match.route.cors : match.kind === 'wrong_method' ? match.cors : 'none';
    const ctx: RequestContext = {
      event,
      method,
      path,
      params: match.kind === 'found' ? match.params : {},
      headers,
      query: queryOf(event),
      config,
      table,
      log,
      now,
      authKey,
      sessions,
      sites,
      shares,
      staticFiles,
      pipeline,
      capacity: { readUnits: 0, writeUnits: 0 },
    };

    let response: HttpResponse;
    try {
      if (method === 'OPTIONS' && match.kind === 'wrong_method') {
        response = empty(204, {
          ...corsFor(policy, headers.origin, config),
          'access-control-allow-methods': [...match.allow, 'OPTIONS'].join(', '),
          'access-control-allow-headers': 'authorization, content-type',
          'access-control-max-age': '86400',
        });
      } else if (match.kind === 'found') {
        response = await match.route.handle(ctx);
      } else if (match.kind === 'wrong_method') {
        throw new ApiError(
          405,
          'method_not_allowed',
          `${method} is not allowed here; use ${match.allow.join(' or ')}.`,
          {
            allow: match.allow.join(', '),
          },
        );
      } else {
        throw notFound(`No route for ${method} ${path.slice(0, 200)}.`);
      }
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) {
        response = errorResponse(error);
      } else if (error instanceof ServiceUnavailableError || isTransientAwsError(error)) {
        log.warn('dependency unavailable', errorFields(error));
        response = errorResponse(
          error instanceof ServiceUnavailableError ? error : new ServiceUnavailableError(RETRY_AFTER_SECONDS),
        );
      } else {
        log.error('request failed', errorFields(error, true));
        // The client learns only that it failed and which request id to quote.
        response = errorResponse(
          new ApiError(
            500,
            'internal_error',
            `Internal error; request id ${event.requestContext?.requestId ?? 'unknown'}.`,
          ),
        );
      }
    }

    if (method !== 'OPTIONS')
      response.headers = { ...response.headers, ...corsFor(policy, headers.origin, config) };
    response = withSecurityHeaders(response);
    // HEAD never carries a body, whatever the status (a 404 or 405 too).
    if (method === 'HEAD') response = withoutBody(response);
    const fields = {
      method,
      path: loggedPath(path),
      status: response.statusCode,
      durationMs: now() - started,
      readUnits: ctx.capacity.readUnits,
      writeUnits: ctx.capacity.writeUnits,
    };
    if (QUIET_ROUTES.has(path) && response.statusCode < 500) log.debug('request', fields);
    else log.info('request', fields);
    return response;
  };
}
