// A small real HTTP server that serves the built dashboard at /dashboard and answers the API contract of
// SPEC §3 with canned data, including its error behaviour: 401 after expiry, 429 after five failed
// sign-ins, 400 unsupported_filter for a path on a non-page breakdown. The previous period of
// `compare=previous` is the real API's (core-model's previousRange); the realtime figures are whatever the
// test last set, so it can make visitors "arrive".
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { parseDayRange, previousRange } from '@footfall/core-model';
import {
  BREAKDOWN_DIMENSIONS,
  type RealtimeResponse,
  type TimeseriesPoint,
} from '@footfall/core-model/schemas';
import type { Interval } from '../../src/interval';
import { checkRange } from '../../src/period';
import { isValidTimeZone } from '../../src/timeZones';
import { cannedRealtime, cannedRows, cannedSeries, SITES } from '../fixtures/cannedData';

export const FAKE_USER = { username: 'admin', password: 'correct horse battery staple' };

/** One request the fake received. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
}

/** A failure to answer once, for the first request matching `path` (and `when`, if given). */
export interface Fault {
  path: string;
  when?: (query: URLSearchParams) => boolean;
  status: number;
  code: string;
  message: string;
}

/** The running fake and its test controls. */
export interface FakeApi {
  url: string;
  requests: SeenRequest[];
  /** Makes every issued token answer 401, as an expired Fernet token does. */
  expireSessions(): void;
  failNext(fault: Fault): void;
  /** Holds every /api/stats and /api/sites answer until the returned function is called. */
  hold(): () => void;
  /** What GET /api/status answers from now on (`ok` at first). */
  setPipeline(state: 'ok' | 'behind' | 'unknown', lagSeconds?: number): void;
  /** What `GET /api/stats/realtime?site=` answers from now on (the canned figures until then). */
  setRealtime(site: string, figures: Partial<Omit<RealtimeResponse, 'site'>>): void;
  /** A site that had no views before `day` (`YYYY-MM-DD`): its previous periods are empty. */
  launchSite(site: string, day: string): void;
  /** Adds views to the last bucket of every time series of `site`, as if they had just arrived. */
  addViews(site: string, views: number): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  res.writeHead(status, { 'cache-control': 'no-store', ...headers });
  res.end(body);
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  send(res, status, JSON.stringify(body), { 'content-type': 'application/json', ...headers });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the fake on a free loopback port, serving the dashboard built into `staticDir`. */
export async function startFakeApi(staticDir: string): Promise<FakeApi> {
  const tokens = new Map<string, number>();
  const requests: SeenRequest[] = [];
  const faults: Fault[] = [];
  let failures = 0;
  let gate: Promise<void> | undefined;
  let pipeline: { state: 'ok' | 'behind' | 'unknown'; lagSeconds: number | null } = {
    state: 'ok',
    lagSeconds: null,
  };
  const realtime = new Map<string, RealtimeResponse>();
  const launches = new Map<string, string>();
  const added = new Map<string, number>();

  /** A period's points and totals, with the test's launch day and added views applied. */
  const period = (
    site: string,
    from: string,
    to: string,
    interval: Interval,
    tz: string,
    path: string | null,
  ) => {
    const canned = cannedSeries(site, from, to, interval, tz, path);
    const launch = launches.get(site);
    const extra = path ? 0 : (added.get(site) ?? 0);
    const points: TimeseriesPoint[] = canned.points.map((p, i) => {
      if (launch && p.t < launch) return { ...p, views: 0, visitors: 0, avgDuration: 0, avgScroll: 0 };
      return i === canned.points.length - 1 ? { ...p, views: p.views + extra } : p;
    });
    const views = points.reduce((sum, p) => sum + p.views, 0);
    const weighted = (key: 'avgDuration' | 'avgScroll') =>
      views ? points.reduce((sum, p) => sum + p[key] * p.views, 0) / views : 0;
    return {
      points,
      totals: {
        views,
        visitors: points.reduce((sum, p) => sum + p.visitors, 0),
        avgDuration: weighted('avgDuration'),
        avgScroll: weighted('avgScroll'),
        bots: canned.bots,
      },
    };
  };

  const requireSession = (req: IncomingMessage) => {
    const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    if (!m?.[1])
      throw new HttpError(401, 'missing_token', 'Sign in and send the token as Authorization: Bearer.');
    const expiry = tokens.get(m[1]);
    if (expiry === undefined)
      throw new HttpError(401, 'invalid_token', 'The token is not valid; sign in again.');
    if (expiry <= Date.now())
      throw new HttpError(401, 'expired_token', 'The session has expired; sign in again.');
  };

  const rangeOf = (q: URLSearchParams) => {
    const site = q.get('site') ?? '';
    if (!SITES.includes(site))
      throw new HttpError(403, 'site_not_allowed', `site: ${site} is not configured`);
    const range = checkRange(q.get('from') ?? '', q.get('to') ?? '');
    if (!range.ok) throw new HttpError(400, 'invalid_date', `from/to: ${range.error.message}`);
    return { site, ...range.value };
  };

  const api = async (req: IncomingMessage, res: ServerResponse, path: string, q: URLSearchParams) => {
    if (path === '/api/auth/signin' && req.method === 'POST') {
      if (failures >= 5)
        throw new HttpError(429, 'too_many_attempts', 'Too many failed sign-ins; try again later.', {
          'retry-after': '900',
        });
      let body: { username?: unknown; password?: unknown } = {};
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        throw new HttpError(400, 'invalid_json', 'The body is not JSON.');
      }
      if (body.username !== FAKE_USER.username || body.password !== FAKE_USER.password) {
        failures += 1;
        throw new HttpError(401, 'invalid_credentials', 'Wrong username or password.');
      }
      failures = 0;
      const token = `fake-${randomUUID()}`;
      const expiresAt = Date.now() + 12 * 3600_000;
      tokens.set(token, expiresAt);
      return json(res, 200, { token, expiresAt: new Date(expiresAt).toISOString() });
    }
    if (req.method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'Wrong method.');
    requireSession(req);
    if (gate) await gate;
    const fault = faults.findIndex((f) => f.path === path && (!f.when || f.when(q)));
    if (fault >= 0) {
      const [f] = faults.splice(fault, 1);
      if (f) throw new HttpError(f.status, f.code, f.message);
    }
    if (path === '/api/sites') return json(res, 200, { sites: SITES });
    if (path === '/api/status')
      return json(res, 200, {
        pipeline: { ...pipeline, thresholdSeconds: 300, checkedAt: new Date().toISOString() },
      });
    if (path === '/api/stats/timeseries') {
      const { site, from, to } = rangeOf(q);
      const interval = q.get('interval') ?? 'day';
      if (!['hour', 'day', 'week', 'month'].includes(interval))
        throw new HttpError(400, 'invalid_interval', 'interval: must be hour, day, week or month');
      const tz = q.get('tz') ?? 'UTC';
      if (!isValidTimeZone(tz))
        throw new HttpError(400, 'invalid_timezone', `tz: "${tz}" is not an IANA time zone`);
      const path = q.get('path');
      const compare = q.get('compare');
      if (compare !== null && compare !== 'previous')
        throw new HttpError(400, 'invalid_compare', 'compare: must be previous');
      const current = period(site, from, to, interval as Interval, tz, path);
      let previous: object | undefined;
      if (compare === 'previous') {
        const range = parseDayRange(from, to);
        if (!range.ok) throw new HttpError(400, range.error.code, range.error.message);
        const before = previousRange(range.value, interval as Interval);
        previous = {
          from: before.fromKey,
          to: before.toKey,
          ...period(site, before.fromKey, before.toKey, interval as Interval, tz, path),
        };
      }
      return json(res, 200, { site, path, interval, tz, ...current, ...(previous ? { previous } : {}) });
    }
    if (path === '/api/stats/realtime') {
      const site = q.get('site') ?? '';
      if (!SITES.includes(site))
        throw new HttpError(403, 'site_not_allowed', `site: ${site} is not configured`);
      return json(res, 200, realtime.get(site) ?? cannedRealtime(site));
    }
    if (path === '/api/stats/goals') {
      rangeOf(q);
      return json(res, 200, { goals: [] });
    }
    if (path === '/api/stats/breakdown' && ['event', 'prop'].includes(q.get('dimension') ?? '')) {
      rangeOf(q);
      return json(res, 200, { dimension: q.get('dimension'), rows: [] });
    }
    if (path === '/api/stats/breakdown') {
      const { site, from, to } = rangeOf(q);
      const dimension = q.get('dimension') ?? '';
      if (!(BREAKDOWN_DIMENSIONS as readonly string[]).includes(dimension))
        throw new HttpError(400, 'unknown_dimension', `dimension: ${dimension} is not a dimension`);
      const prefix = q.get('path');
      if (prefix !== null && dimension !== 'page')
        throw new HttpError(
          400,
          'unsupported_filter',
          'path: only the page breakdown can be filtered by path. Per-page counts of other dimensions are not stored.',
        );
      const limit = Number(q.get('limit') ?? 100);
      const rows = cannedRows(site, from, to, dimension as 'page')
        .filter((r) => prefix === null || r.value.startsWith(prefix))
        .slice(0, limit);
      return json(res, 200, { dimension, rows });
    }
    if (path === '/api/stats/export') {
      const { site, from, to } = rangeOf(q);
      const lines = [
        'date,path,views,visitors',
        ...cannedRows(site, from, to, 'page').map((r) => `${from},${r.value},${r.views},${r.visitors}`),
      ];
      return send(res, 200, `${lines.join('\n')}\n`, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${site}-${from}-${to}.csv"`,
      });
    }
    throw new HttpError(404, 'not_found', `No route for ${path}`);
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    requests.push({
      method: req.method ?? '',
      path,
      query: url.searchParams,
      authorization: req.headers.authorization,
    });
    try {
      if (path === '/dashboard' || path.startsWith('/dashboard/')) {
        const file = path.replace(/^\/dashboard\/?/, '') || 'index.html';
        if (!/^[\w.-]+$/.test(file)) throw new HttpError(404, 'not_found', 'No such file');
        const content = await readFile(join(staticDir, file)).catch(() => undefined);
        if (!content) throw new HttpError(404, 'not_found', `No such file: ${file}`);
        return send(res, 200, content.toString('utf8'), {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        });
      }
      await api(req, res, path, url.searchParams);
    } catch (e) {
      if (e instanceof HttpError)
        json(res, e.status, { error: { code: e.code, message: e.message } }, e.headers);
      else json(res, 500, { error: { code: 'internal', message: String(e) } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    expireSessions() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    failNext(fault) {
      faults.push(fault);
    },
    hold() {
      let release = () => {};
      gate = new Promise<void>((resolve) => {
        release = () => {
          gate = undefined;
          resolve();
        };
      });
      return release;
    },
    setRealtime(site, figures) {
      realtime.set(site, { ...(realtime.get(site) ?? cannedRealtime(site)), ...figures, site });
    },
    launchSite(site, day) {
      launches.set(site, day);
    },
    addViews(site, views) {
      added.set(site, (added.get(site) ?? 0) + views);
    },
    setPipeline(state, lagSeconds) {
      pipeline = { state, lagSeconds: lagSeconds ?? null };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
