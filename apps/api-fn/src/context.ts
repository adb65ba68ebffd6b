// What every route handler receives: the parsed request, the deployment's config and the shared services.
import type { Logger } from '@footfall/kernel';
import type { Table } from '@footfall/store';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { KeyProvider } from './authKey';
import type { ApiConfig } from './config';
import type { HttpResponse } from './http';
import type { PipelineStatusSource } from './pipelineStatus';
import type { SessionCache } from './sessionCache';
import type { ShareCache } from './shareCache';
import type { SiteCache } from './siteCache';
import type { StaticFiles } from './staticFiles';

/** Capacity the request consumed, summed from DynamoDB's ConsumedCapacity (logged with the request). */
export interface Capacity {
  readUnits: number;
  writeUnits: number;
}

/** One request as a route handler sees it. */
export interface RequestContext {
  event: APIGatewayProxyEventV2;
  method: string;
  /** The request path without a stage prefix. */
  path: string;
  /** Path parameters of the matched route (`{file}`, `{file+}`). */
  params: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  query: Record<string, string>;
  config: ApiConfig;
  /** The deployment's table, for store's functions. */
  table: Table;
  log: Logger;
  /** Current time, epoch ms (injected by tests). */
  now: () => number;
  authKey: KeyProvider;
  /** Each user's session epoch as this container last read it (revocation checks). */
  sessions: SessionCache;
  /** The deployment's sites as this container last read them (at most SITE_CACHE_SECONDS old). */
  sites: SiteCache;
  /** Share links as this container last read them (at most 60 s old). */
  shares: ShareCache;
  staticFiles: StaticFiles;
  /** Whether counting is behind (GET /api/status), read at most once a minute per container. */
  pipeline: PipelineStatusSource;
  capacity: Capacity;
}

/** A route handler: parse, call a pure function, encode. Throws ApiError for client errors. */
export type RouteHandler = (ctx: RequestContext) => Promise<HttpResponse>;

/** Adds what one store call consumed to the request's tally. @example countUnits(ctx, await readUser(…)) */
export function countUnits(ctx: RequestContext, used: { readUnits?: number; writeUnits?: number }): void {
  ctx.capacity.readUnits += used.readUnits ?? 0;
  ctx.capacity.writeUnits += used.writeUnits ?? 0;
}
