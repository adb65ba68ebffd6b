// Drives api-fn the way API Gateway would: beacon events in, reports out, against one DynamoDB table.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type ApiHandler, createApiHandler } from '@footfall/api-fn';
import { createTestUser, httpEvent, testSessionToken } from '@footfall/api-fn/testing';
import type { BreakdownResponse, Dimension, TimeseriesResponse } from '@footfall/core-model';
import { generateKey } from '@footfall/tokens';
import type { BeaconRequest } from './workload';
import { SITE } from './workload';

/** api-fn over `tableName`, with a clock the test moves and a session token for the reports. */
export interface ApiDriver {
  handler: ApiHandler;
  clock: { now: number };
  /** Sends beacon requests in order, each at its own moment; fails on any answer but 202. */
  ingest(requests: readonly BeaconRequest[]): Promise<void>;
  timeseries(query: Record<string, string>): Promise<TimeseriesResponse>;
  breakdown(query: Record<string, string>): Promise<BreakdownResponse>;
}

/** Builds an api-fn handler for tests (logs discarded, session key generated here). */
export function apiDriver(dynamodb: DynamoDBClient, tableName: string): ApiDriver {
  const authKey = generateKey();
  const clock = { now: Date.now() };
  const handler = createApiHandler({
    config: {
      tableName,
      allowedSites: [SITE],
      allowedOrigins: [],
      authKey: { kind: 'value', value: authKey },
      tokenTtlSeconds: 3_600,
      retentionDays: 30,
      logLevel: 'error',
    },
    dynamodb,
    now: () => clock.now,
    logSink: () => undefined,
  });
  // api-fn checks every token against its user item (revocation), so the reports' user is stored once.
  let user: ReturnType<typeof createTestUser> | undefined;
  const get = async (path: string, query: Record<string, string>) => {
    user ??= createTestUser(dynamodb, tableName);
    const token = await testSessionToken(await user, authKey, { now: clock.now });
    const response = await handler(
      httpEvent({ method: 'GET', path, query, headers: { authorization: `Bearer ${token}` } }),
    );
    if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode} ${response.body}`);
    return JSON.parse(response.body ?? 'null');
  };
  return {
    handler,
    clock,
    async ingest(requests) {
      for (const r of requests) {
        clock.now = r.at;
        const response = await handler(
          httpEvent({
            method: 'POST',
            path: '/api/event',
            headers: { 'user-agent': r.userAgent },
            body: r.body,
          }),
        );
        if (response.statusCode !== 202) throw new Error(`ingest: ${response.statusCode} ${response.body}`);
      }
    },
    timeseries: (query) => get('/api/stats/timeseries', query) as Promise<TimeseriesResponse>,
    breakdown: (query) => get('/api/stats/breakdown', query) as Promise<BreakdownResponse>,
  };
}

export type { Dimension };
