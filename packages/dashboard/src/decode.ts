// Light checks of the API's answers: enough that a surprising body becomes a message, not a blank screen.
import type {
  BreakdownResponse,
  EventBreakdownResponse,
  GoalsResponse,
  GoalTimeseriesResponse,
  RealtimeResponse,
  ShareLinkResponse,
  SharesResponse,
  SigninResponse,
  SitesResponse,
  StatusResponse,
  TimeseriesResponse,
  UserAccessResponse,
} from '@footfall/core-model/schemas';
import { err, ok, type Result } from '@footfall/kernel';
import { DashboardError } from './errors';

type Decoded<T> = Result<T, DashboardError>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function unexpected(what: string): { ok: false; error: DashboardError } {
  return err(new DashboardError('invalid_response', `The server's answer was not understood (${what}).`));
}

/** Checks a sign-in answer. */
export function decodeSignin(body: unknown): Decoded<SigninResponse> {
  if (!isRecord(body) || typeof body.token !== 'string' || typeof body.expiresAt !== 'string')
    return unexpected('sign-in');
  return ok({ token: body.token, expiresAt: body.expiresAt });
}

/** Checks a site list. */
export function decodeSites(body: unknown): Decoded<SitesAnswer> {
  if (!isRecord(body) || !Array.isArray(body.sites)) return unexpected('sites');
  const role =
    body.role === 'admin' || body.role === 'viewer' || body.role === 'share' ? body.role : undefined;
  return ok({ sites: body.sites.filter((s): s is string => typeof s === 'string'), role });
}

/** The sites the caller may read, and who the caller is (an older API sends no role). */
export interface SitesAnswer extends SitesResponse {
  role?: 'admin' | 'viewer' | 'share' | undefined;
}

/** Checks a share link list. */
export function decodeShares(body: unknown): Decoded<SharesResponse> {
  if (!isRecord(body) || !Array.isArray(body.shares)) return unexpected('share links');
  const shares: ShareLinkResponse[] = [];
  for (const s of body.shares) {
    if (!isRecord(s) || typeof s.id !== 'string' || typeof s.url !== 'string')
      return unexpected('share link');
    shares.push({
      id: s.id,
      url: s.url,
      site: typeof s.site === 'string' ? s.site : '',
      createdAt: typeof s.createdAt === 'string' ? s.createdAt : '',
      expiresAt: typeof s.expiresAt === 'string' ? s.expiresAt : null,
      origins: Array.isArray(s.origins) ? s.origins.filter((o): o is string => typeof o === 'string') : [],
    });
  }
  return ok({ shares });
}

/** The problem with a period's points and totals, if any. */
function seriesProblem(body: Record<string, unknown>): string | undefined {
  if (!Array.isArray(body.points) || !isRecord(body.totals)) return 'time series';
  const t = body.totals;
  if (![t.views, t.visitors, t.avgDuration, t.avgScroll, t.bots].every(isCount)) return 'totals';
  for (const p of body.points)
    if (!isRecord(p) || typeof p.t !== 'string' || !isCount(p.views) || !isCount(p.visitors))
      return 'time series point';
  return undefined;
}

/** Checks a time series: every point and the totals must carry numbers, the previous period's too. */
export function decodeTimeseries(body: unknown): Decoded<TimeseriesResponse> {
  if (!isRecord(body)) return unexpected('time series');
  const problem = seriesProblem(body);
  if (problem) return unexpected(problem);
  const previous = body.previous;
  if (previous !== undefined) {
    if (!isRecord(previous) || typeof previous.from !== 'string' || typeof previous.to !== 'string')
      return unexpected('previous period');
    const before = seriesProblem(previous);
    if (before) return unexpected(`previous period's ${before}`);
  }
  return ok(body as unknown as TimeseriesResponse);
}

/** Checks a realtime answer: two counts and two lists of a value and its views. */
export function decodeRealtime(body: unknown): Decoded<RealtimeResponse> {
  if (!isRecord(body) || !isCount(body.views) || !isCount(body.visitors) || !isCount(body.windowSeconds))
    return unexpected('realtime');
  for (const list of [body.pages, body.referrers]) {
    if (!Array.isArray(list)) return unexpected('realtime');
    for (const r of list)
      if (!isRecord(r) || typeof r.value !== 'string' || !isCount(r.views)) return unexpected('realtime row');
  }
  return ok(body as unknown as RealtimeResponse);
}

/** Checks a breakdown: rows of a value and two counts. */
export function decodeBreakdown(body: unknown): Decoded<BreakdownResponse> {
  if (!isRecord(body) || !Array.isArray(body.rows)) return unexpected('breakdown');
  for (const r of body.rows)
    if (!isRecord(r) || typeof r.value !== 'string' || !isCount(r.views) || !isCount(r.visitors))
      return unexpected('breakdown row');
  return ok(body as unknown as BreakdownResponse);
}

/** Checks a status answer: a known state, and numbers or null where numbers may be. */
export function decodeStatus(body: unknown): Decoded<StatusResponse> {
  if (!isRecord(body) || !isRecord(body.pipeline)) return unexpected('status');
  const { state, lagSeconds, thresholdSeconds, checkedAt } = body.pipeline;
  if (state !== 'ok' && state !== 'behind' && state !== 'unknown') return unexpected('status state');
  const numberOrNull = (v: unknown) => v === null || isCount(v);
  if (!numberOrNull(lagSeconds) || !numberOrNull(thresholdSeconds) || typeof checkedAt !== 'string')
    return unexpected('status');
  return ok({
    pipeline: {
      state,
      lagSeconds: lagSeconds as number | null,
      thresholdSeconds: thresholdSeconds as number | null,
      checkedAt,
    },
  });
}

/** Checks an event or prop breakdown: rows of a value, events and conversions. */
export function decodeEventBreakdown(body: unknown): Decoded<EventBreakdownResponse> {
  if (!isRecord(body) || !Array.isArray(body.rows)) return unexpected('event breakdown');
  for (const r of body.rows)
    if (!isRecord(r) || typeof r.value !== 'string' || !isCount(r.events) || !isCount(r.conversions))
      return unexpected('event breakdown row');
  return ok(body as unknown as EventBreakdownResponse);
}

/** Checks a goals report: each goal with its counts and rate. */
export function decodeGoals(body: unknown): Decoded<GoalsResponse> {
  if (!isRecord(body) || !Array.isArray(body.goals)) return unexpected('goals');
  for (const g of body.goals)
    if (
      !isRecord(g) ||
      typeof g.id !== 'string' ||
      (g.kind !== 'event' && g.kind !== 'page') ||
      typeof g.match !== 'string' ||
      ![g.events, g.conversions, g.rate].every(isCount)
    )
      return unexpected('goal');
  return ok(body as unknown as GoalsResponse);
}

/** Checks a goal's time series: points of events and conversions. */
export function decodeGoalSeries(body: unknown): Decoded<GoalTimeseriesResponse> {
  if (!isRecord(body) || !Array.isArray(body.points) || !isRecord(body.totals))
    return unexpected('goal series');
  for (const p of body.points)
    if (!isRecord(p) || typeof p.t !== 'string' || !isCount(p.events) || !isCount(p.conversions))
      return unexpected('goal series point');
  return ok(body as unknown as GoalTimeseriesResponse);
}

/** The message of an API error body (`{"error":{"code","message"}}`), if it has one. */
export function decodeErrorBody(body: unknown): { code: string; message: string } | undefined {
  if (!isRecord(body) || !isRecord(body.error)) return undefined;
  const { code, message } = body.error;
  if (typeof code !== 'string' || typeof message !== 'string') return undefined;
  return { code, message };
}

/** Checks a user as the admin routes answer it (with `password` when it was just added). */
export function decodeUser(body: unknown): Decoded<UserAccessResponse & { password?: string }> {
  if (
    !isRecord(body) ||
    typeof body.username !== 'string' ||
    (body.role !== 'admin' && body.role !== 'viewer')
  )
    return unexpected('user');
  return ok({
    username: body.username,
    role: body.role,
    sites: Array.isArray(body.sites) ? body.sites.filter((s): s is string => typeof s === 'string') : [],
    createdAt: typeof body.createdAt === 'string' ? body.createdAt : '',
    ...(typeof body.password === 'string' ? { password: body.password } : {}),
  });
}
