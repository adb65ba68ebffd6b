// Drives Footfall the way the beacon and the dashboard do: beacon requests stored by ingest's own steps at each
// request's moment, and reports from the built api-fn bundle, against one DynamoDB Local table.
import type { BreakdownResponse, Dimension, TimeseriesResponse } from '@footfall/core-model';
import { recordEngagement, recordEvent, recordPageview, replaceUser, type Table } from '@footfall/store';
import {
  type BeaconRequest,
  ingestBeaconRequests,
  invokeApi,
  type LocalFunction,
  localFunctionEnv,
  sessionToken,
  startBundle,
  testUser,
} from '@footfall/testing';
import { generateKey } from '@footfall/tokens';
import { SITE } from './workload';

/** Ingest and reports over one table. */
export interface ApiDriver {
  /** Stores beacon requests in order, each at its own moment, as POST /api/event does. */
  ingest(requests: readonly BeaconRequest[]): Promise<void>;
  timeseries(query: Record<string, string>): Promise<TimeseriesResponse>;
  breakdown(query: Record<string, string>): Promise<BreakdownResponse>;
  /** Stops the api-fn bundle, if reports started it. */
  stop(): Promise<void>;
}

/**
 * A driver over `table`. The reports run on the built api-fn (started on the first report), as a stored user
 * with a fresh session key; ingest runs in this process because only it can give each request its own moment.
 */
export function apiDriver(table: Table & { endpoint: string }): ApiDriver {
  const authKey = generateKey();
  let api: LocalFunction | undefined;
  const get = async (path: string, query: Record<string, string>) => {
    if (api === undefined) {
      await replaceUser(table, testUser());
      api = startBundle('api-fn', localFunctionEnv(table, { ALLOWED_SITES: SITE, AUTH_KEY: authKey }));
    }
    const token = await sessionToken(testUser(), authKey);
    const response = await invokeApi(api, {
      method: 'GET',
      path,
      query,
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode} ${response.body}`);
    return JSON.parse(response.body ?? 'null');
  };
  return {
    ingest: (requests) =>
      ingestBeaconRequests(table, requests, { recordPageview, recordEngagement, recordEvent }),
    timeseries: (query) => get('/api/stats/timeseries', query) as Promise<TimeseriesResponse>,
    breakdown: (query) => get('/api/stats/breakdown', query) as Promise<BreakdownResponse>,
    stop: async () => {
      await api?.stop();
    },
  };
}

export type { Dimension };
