// Light checks of the API's answers: enough that a surprising body becomes a message, not a blank screen.
import type {
  BreakdownResponse,
  EventBreakdownResponse,
  GoalsResponse,
  GoalTimeseriesResponse,
  SigninResponse,
  SitesResponse,
  TimeseriesResponse,
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
export function decodeSites(body: unknown): Decoded<SitesResponse> {
  if (!isRecord(body) || !Array.isArray(body.sites)) return unexpected('sites');
  return ok({ sites: body.sites.filter((s): s is string => typeof s === 'string') });
}

/** Checks a time series: every point and the totals must carry numbers. */
export function decodeTimeseries(body: unknown): Decoded<TimeseriesResponse> {
  if (!isRecord(body) || !Array.isArray(body.points) || !isRecord(body.totals))
    return unexpected('time series');
  const t = body.totals;
  if (![t.views, t.visitors, t.avgDuration, t.avgScroll, t.bots].every(isCount)) return unexpected('totals');
  for (const p of body.points)
    if (!isRecord(p) || typeof p.t !== 'string' || !isCount(p.views) || !isCount(p.visitors))
      return unexpected('time series point');
  return ok(body as unknown as TimeseriesResponse);
}

/** Checks a breakdown: rows of a value and two counts. */
export function decodeBreakdown(body: unknown): Decoded<BreakdownResponse> {
  if (!isRecord(body) || !Array.isArray(body.rows)) return unexpected('breakdown');
  for (const r of body.rows)
    if (!isRecord(r) || typeof r.value !== 'string' || !isCount(r.views) || !isCount(r.visitors))
      return unexpected('breakdown row');
  return ok(body as unknown as BreakdownResponse);
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
