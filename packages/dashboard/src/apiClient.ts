// Calls the reporting API with the session's bearer token and turns every answer into a result.
import type {
  BreakdownResponse,
  EventBreakdownResponse,
  GoalsResponse,
  GoalTimeseriesResponse,
  RealtimeResponse,
  ShareLinkResponse,
  SharesResponse,
  SigninResponse,
  StatusResponse,
  TimeseriesResponse,
  UserAccessResponse,
  UserCreatedResponse,
} from '@footfall/core-model/schemas';
import { err, ok, type Result } from '@footfall/kernel';
import {
  decodeBreakdown,
  decodeErrorBody,
  decodeEventBreakdown,
  decodeGoalSeries,
  decodeGoals,
  decodeRealtime,
  decodeShares,
  decodeSignin,
  decodeSites,
  decodeStatus,
  decodeTimeseries,
  decodeUser,
  type SitesAnswer,
} from './decode';
import type { Dimension } from './dimensions';
import { DashboardError } from './errors';
import type { Interval } from './interval';

/** What every API call answers. */
export type ApiResult<T> = Promise<Result<T, DashboardError>>;

/** The query of the timeseries route. */
export interface TimeseriesParams {
  site: string;
  from: string;
  to: string;
  path?: string | undefined;
  interval?: Interval | undefined;
  tz?: string | undefined;
  /** Adds the previous period of equal length to the answer. */
  compare?: 'previous' | undefined;
}

/** The query of the breakdown route. */
export interface BreakdownParams {
  site: string;
  from: string;
  to: string;
  dimension: Dimension;
  path?: string | undefined;
  limit?: number | undefined;
}

/** The query of the event breakdowns: every event name, or one name's prop values (all keys without `prop`). */
export interface EventBreakdownParams {
  site: string;
  from: string;
  to: string;
  dimension: 'event' | 'prop';
  event?: string | undefined;
  prop?: string | undefined;
  limit?: number | undefined;
}

/** A site and days: the goals report's query. */
export interface RangeParams {
  site: string;
  from: string;
  to: string;
}

/** A downloaded CSV export. */
export interface CsvFile {
  blob: Blob;
  filename: string;
}

/** The API as the dashboard uses it. */
export interface ApiClient {
  signin(username: string, password: string): ApiResult<SigninResponse>;
  sites(signal?: AbortSignal): ApiResult<SitesAnswer>;
  timeseries(params: TimeseriesParams, signal?: AbortSignal): ApiResult<TimeseriesResponse>;
  breakdown(params: BreakdownParams, signal?: AbortSignal): ApiResult<BreakdownResponse>;
  realtime(site: string, signal?: AbortSignal): ApiResult<RealtimeResponse>;
  exportCsv(params: { site: string; from: string; to: string }): ApiResult<CsvFile>;
  /** Whether counting is behind (the banner). */
  status(signal?: AbortSignal): ApiResult<StatusResponse>;
  /** Admin: add a site. */
  addSite(host: string): ApiResult<unknown>;
  /** Admin: remove a site (its numbers stay). */
  removeSite(host: string): ApiResult<unknown>;
  /** Admin: the share links of a site. */
  shares(site: string): ApiResult<SharesResponse>;
  /** Admin: a new share link of a site. */
  createShare(site: string, body: { expiresAt?: string; origins?: string[] }): ApiResult<ShareLinkResponse>;
  /** Admin: revoke a share link. */
  deleteShare(site: string, id: string): ApiResult<unknown>;
  /** Admin: add a goal to a site: an event name, or a page path pattern (`/pricing`, `/blog/*`, `/docs/**`). */
  addGoal(site: string, body: { kind: 'event' | 'page'; match: string }): ApiResult<unknown>;
  /** Admin: remove a goal (the events it counted stay counted). */
  removeGoal(site: string, id: string): ApiResult<unknown>;
  /** Admin: add a user; the answer carries its first password, once. */
  addUser(body: { username: string; role: Role; sites: string[] }): ApiResult<UserCreatedResponse>;
  /** Admin: a user's role and sites. */
  user(name: string): ApiResult<UserAccessResponse>;
  /** Admin: set a user's role and sites. */
  setAccess(name: string, body: { role: Role; sites: string[] }): ApiResult<UserAccessResponse>;
  /** Admin: end every session of a user. */
  signOutUser(name: string): ApiResult<unknown>;
  eventBreakdown(params: EventBreakdownParams, signal?: AbortSignal): ApiResult<EventBreakdownResponse>;
  goals(params: RangeParams, signal?: AbortSignal): ApiResult<GoalsResponse>;
  goalSeries(
    params: RangeParams & { goal: string; interval?: Interval | undefined; tz?: string | undefined },
    signal?: AbortSignal,
  ): ApiResult<GoalTimeseriesResponse>;
}

/** The roles of SPEC §3. */
export type Role = 'admin' | 'viewer';

/** Where the client sends requests and how it finds the token. */
export interface ApiClientOptions {
  fetch: typeof fetch;
  /** Prefix of the API paths; '' for the dashboard's own origin. */
  baseUrl?: string;
  token: () => string | undefined;
  /** A share link's id: every call reads as that link (`Authorization: Share <id>`) instead of a session. */
  shareId?: string | undefined;
}

/** The message for an error status when the body carries none. */
function fallbackMessage(status: number, retryAfter: number | undefined): string {
  if (status === 401) return 'Your session expired — sign in again.';
  if (status === 403) return 'This account may not see that site.';
  if (status === 429)
    return retryAfter
      ? `Too many attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`
      : 'Too many attempts. Try again later.';
  if (status >= 500) return `The server failed (HTTP ${status}). Try again in a moment.`;
  return `The request was refused (HTTP ${status}).`;
}

function query(params: object): string {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== '') q.set(name, String(value));
  return q.toString();
}

function filenameOf(disposition: string | null, fallback: string): string {
  const m = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return m?.[1] ?? fallback;
}

/**
 * Creates a client over `fetch`; a 401 from any call comes back as an error whose `isUnauthorized` is true.
 * @example createApiClient({ fetch: window.fetch.bind(window), token: () => store.token })
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.baseUrl ?? '';

  async function send(path: string, init: RequestInit): Promise<Result<Response, DashboardError>> {
    const headers = new Headers(init.headers);
    const token = options.token();
    if (options.shareId) headers.set('authorization', `Share ${options.shareId}`);
    else if (token) headers.set('authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await options.fetch(`${base}${path}`, { ...init, headers });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError')
        return err(new DashboardError('aborted', 'The request was cancelled.', 0, undefined, { cause }));
      return err(
        new DashboardError(
          'network_error',
          'Could not reach the server. Check the connection.',
          0,
          undefined,
          {
            cause,
          },
        ),
      );
    }
    if (response.ok) return ok(response);
    const retryHeader = Number(response.headers.get('retry-after'));
    const retryAfter = Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : undefined;
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const apiError = decodeErrorBody(body);
    return err(
      new DashboardError(
        apiError?.code ?? `http_${response.status}`,
        apiError?.message || fallbackMessage(response.status, retryAfter),
        response.status,
        retryAfter,
      ),
    );
  }

  async function getJson<T>(
    path: string,
    decode: (body: unknown) => Result<T, DashboardError>,
    init: RequestInit = {},
  ): ApiResult<T> {
    const sent = await send(path, init);
    if (!sent.ok) return sent;
    try {
      return decode(await sent.value.json());
    } catch (cause) {
      return err(
        new DashboardError(
          'invalid_response',
          "The server's answer was not JSON.",
          sent.value.status,
          undefined,
          {
            cause,
          },
        ),
      );
    }
  }

  const nothing = async (sent: Result<Response, DashboardError>): ApiResult<unknown> =>
    sent.ok ? ok(undefined) : sent;
  const jsonInit = (method: string, body: unknown): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const sitePath = (site: string) => `/api/sites/${encodeURIComponent(site)}`;
  const decodeLink = (body: unknown) => {
    const d = decodeShares({ shares: [body] });
    return d.ok ? ok(d.value.shares[0] as ShareLinkResponse) : d;
  };

  const userPath = (name: string) => `/api/users/${encodeURIComponent(name)}`;

  return {
    addUser: (body) =>
      getJson(
        '/api/users',
        (b) => decodeUser(b) as Result<UserCreatedResponse, DashboardError>,
        jsonInit('POST', body),
      ),
    user: (name) => getJson(userPath(name), decodeUser),
    setAccess: (name, body) => getJson(`${userPath(name)}/access`, decodeUser, jsonInit('POST', body)),
    signOutUser: async (name) => nothing(await send(`${userPath(name)}/signout`, { method: 'POST' })),
    addSite: async (host) => nothing(await send('/api/sites', jsonInit('POST', { host }))),
    removeSite: async (host) => nothing(await send(sitePath(host), { method: 'DELETE' })),
    shares: (site) => getJson(`${sitePath(site)}/shares`, decodeShares),
    createShare: (site, body) => getJson(`${sitePath(site)}/shares`, decodeLink, jsonInit('POST', body)),
    deleteShare: async (site, id) =>
      nothing(await send(`${sitePath(site)}/shares/${encodeURIComponent(id)}`, { method: 'DELETE' })),
    addGoal: async (site, body) => nothing(await send(`${sitePath(site)}/goals`, jsonInit('POST', body))),
    removeGoal: async (site, id) =>
      nothing(await send(`${sitePath(site)}/goals/${encodeURIComponent(id)}`, { method: 'DELETE' })),
    signin: (username, password) =>
      getJson('/api/auth/signin', decodeSignin, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      }),
    sites: (signal) => getJson('/api/sites', decodeSites, { signal: signal ?? null }),
    status: (signal) => getJson('/api/status', decodeStatus, { signal: signal ?? null }),
    timeseries: (params, signal) =>
      getJson(`/api/stats/timeseries?${query(params)}`, decodeTimeseries, { signal: signal ?? null }),
    breakdown: (params, signal) =>
      getJson(`/api/stats/breakdown?${query(params)}`, decodeBreakdown, { signal: signal ?? null }),
    // Asked again every 15 s: never from the HTTP cache, whatever a proxy on the way might allow.
    realtime: (site, signal) =>
      getJson(`/api/stats/realtime?${query({ site })}`, decodeRealtime, {
        signal: signal ?? null,
        cache: 'no-store',
      }),
    eventBreakdown: (params, signal) =>
      getJson(`/api/stats/breakdown?${query(params)}`, decodeEventBreakdown, { signal: signal ?? null }),
    goals: (params, signal) =>
      getJson(`/api/stats/goals?${query(params)}`, decodeGoals, { signal: signal ?? null }),
    goalSeries: (params, signal) =>
      getJson(`/api/stats/timeseries?${query(params)}`, decodeGoalSeries, { signal: signal ?? null }),
    async exportCsv(params) {
      const sent = await send(`/api/stats/export?${query(params)}`, {});
      if (!sent.ok) return sent;
      const fallback = `${params.site}-${params.from}-${params.to}.csv`;
      try {
        const blob = await sent.value.blob();
        return ok({ blob, filename: filenameOf(sent.value.headers.get('content-disposition'), fallback) });
      } catch (cause) {
        return err(
          new DashboardError('network_error', 'The download was interrupted.', 0, undefined, { cause }),
        );
      }
    },
  };
}
