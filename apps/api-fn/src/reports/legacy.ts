// The original reporting API's six answers (views, browsers, pages × week, month), rebuilt from Footfall's data:
// request parsing, the original's week and month keys, and response shapes, all pure (docs/compat.md).
import { formatDay, isoWeek } from '@footfall/core-model';
import { type ApiError, badRequest, unauthorized } from '../errors';
import type { Parsed } from '../http';

/** What each legacy route reports. */
export const LEGACY_REPORTS = ['views', 'browsers', 'pages'] as const;
export type LegacyReport = (typeof LEGACY_REPORTS)[number];

/** The two periods of the original API: an ISO week number within a calendar year, or a month. */
export type LegacyPeriodKind = 'week' | 'month';

/** A period as the old dashboard asks for it. */
export type LegacyPeriod =
  | { kind: 'week'; year: number; week: number }
  | { kind: 'month'; year: number; month: number };

/** A validated legacy request. */
export interface LegacyRequest {
  report: LegacyReport;
  period: LegacyPeriod;
  /** The session token, which the old dashboard sends in the JSON body. */
  token: string;
  /** `views` only: `site` for the whole site, else a page path. */
  path?: string | undefined;
  /** Footfall's addition: the site to report, when the request's origin does not name it. */
  site?: string | undefined;
}

/** Counters of one UTC hour, as the data source gives them. */
export interface LegacyHour {
  views: number;
  visitors: number;
  engaged: number;
  durationSum: number;
  scrollSum: number;
}

/** One breakdown row, as the data source gives it. */
export interface LegacyRow {
  value: string;
  views: number;
  visitors: number;
}

/** The dimensions the legacy routes break down. */
export type LegacyDimension = 'page' | 'browser';

/** Where the legacy answers' numbers come from (reports/legacySource.ts reads them from the aggregates). */
export interface LegacySource {
  /** Counters per UTC hour (epoch ms of its start) over whole UTC days, for the site or for one page. */
  hours(
    site: string,
    fromDay: string,
    toDay: string,
    path?: string,
  ): Promise<ReadonlyMap<number, LegacyHour>>;
  /** Rows of one dimension summed over whole UTC days. */
  rows(site: string, dimension: LegacyDimension, fromDay: string, toDay: string): Promise<LegacyRow[]>;
}

/** `POST /api/views/week` (and `/month`): one entry per day that has data, in the original's field order. */
export interface WeekViewEntry {
  year: number;
  week: number;
  /** Day of the week counted from Sunday (0) to Saturday (6), as the original's `number_days_from_sunday`. */
  day: number;
  count: number;
  /** Totals, not means: the old dashboard divides them by `count` itself. */
  scroll: number;
  duration: number;
}
export interface MonthViewEntry {
  year: number;
  month: number;
  /** Day of the month, 1–31. */
  day: number;
  count: number;
  scroll: number;
  duration: number;
}
/** `POST /api/browsers/week` (and `/month`): one entry per day and browser. */
export interface WeekBrowserEntry {
  /** The browser name with spaces as `-` (`Samsung-Internet`), as the original stored it. */
  browser: string;
  year: number;
  week: number;
  day: number;
  count: number;
}
export interface MonthBrowserEntry {
  browser: string;
  year: number;
  month: number;
  day: number;
  count: number;
}
/** `POST /api/pages/week` (and `/month`): views per page over the period. */
export interface PageEntry {
  page: string;
  count: number;
}
export type LegacyAnswer =
  | WeekViewEntry[]
  | MonthViewEntry[]
  | WeekBrowserEntry[]
  | MonthBrowserEntry[]
  | PageEntry[];

/** The original took these as Rust `i32`; a number outside is a malformed request. */
const I32_MIN = -2_147_483_648;
const I32_MAX = 2_147_483_647;
const MAX_TOKEN_CHARS = 4096;
const MAX_PATH_CHARS = 512;
const MAX_SITE_CHARS = 253;
/** Years Footfall can hold data for; asking for another one is valid and answers nothing, as the original did. */
const FIRST_YEAR = 1970;
const LAST_YEAR = 9999;

function wholeNumber(body: Record<string, unknown>, field: string): Parsed<number> {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < I32_MIN || value > I32_MAX)
    return { ok: false, error: badRequest('invalid_body', `${field}: expected a whole number`) };
  return { ok: true, value };
}

/**
 * Validates a legacy request body (`{"token","year","week"|"month"}`, plus `"path"` for views): 400
 * `invalid_body` or `invalid_path` for a malformed one, 401 `missing_token` when it carries no token.
 * @example parseLegacyRequest('views', 'week', { token, path: 'site', year: 2026, week: 11 })
 */
export function parseLegacyRequest(
  report: LegacyReport,
  kind: LegacyPeriodKind,
  body: unknown,
): Parsed<LegacyRequest> {
  const fail = (error: ApiError): Parsed<LegacyRequest> => ({ ok: false, error });
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return fail(badRequest('invalid_body', 'The body must be a JSON object.'));
  const b = body as Record<string, unknown>;
  if (b.token === undefined || b.token === '')
    return fail(unauthorized('missing_token', 'Sign in and send the token in the body as "token".'));
  if (typeof b.token !== 'string' || b.token.length > MAX_TOKEN_CHARS)
    return fail(badRequest('invalid_body', 'token: expected a string'));
  const year = wholeNumber(b, 'year');
  if (!year.ok) return year;
  const unit = wholeNumber(b, kind);
  if (!unit.ok) return unit;
  let path: string | undefined;
  if (report === 'views') {
    const p = b.path;
    if (typeof p !== 'string' || !(p === 'site' || p.startsWith('/')) || p.length > MAX_PATH_CHARS)
      return fail(badRequest('invalid_path', 'path: expected "site" or a page path starting with /'));
    path = p;
  }
  let site: string | undefined;
  if (b.site !== undefined) {
    if (typeof b.site !== 'string' || b.site.length > MAX_SITE_CHARS)
      return fail(badRequest('invalid_site', 'site: expected a host name'));
    site = b.site;
  }
  const period: LegacyPeriod =
    kind === 'week'
      ? { kind, year: year.value, week: unit.value }
      : { kind, year: year.value, month: unit.value };
  return { ok: true, value: { report, period, token: b.token, path, site } };
}

const dateOf = (day: string) => new Date(`${day}T00:00:00Z`);

/** The day of the week of a UTC day, counted from Sunday (0) as the original's trigger numbered it. */
export const weekdayFromSunday = (day: string): number => dateOf(day).getUTCDay();

/** The day of the month of a UTC day (1–31). */
export const dayOfMonth = (day: string): number => dateOf(day).getUTCDate();

/** Every UTC day of a calendar year, `YYYY-MM-DD`. */
function daysOfYear(year: number): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/**
 * The UTC days the original counted as week `week` of `year`: its key took the calendar year with the ISO
 * week number (`Week-<year>-<iso week>-<weekday>`), so week 1 of 2024 also holds 30 and 31 December 2024
 * (ISO week 1 of 2025), and days sharing a weekday share one counter.
 * @example legacyWeekDays(2024, 1) // 2024-01-01 … 2024-01-07, 2024-12-30, 2024-12-31
 */
export function legacyWeekDays(year: number, week: number): string[] {
  if (year < FIRST_YEAR || year > LAST_YEAR || week < 1 || week > 53) return [];
  return daysOfYear(year).filter((day) => {
    const [y, m, d] = day.split('-').map(Number);
    return isoWeek({ year: y ?? 0, month: m ?? 0, day: d ?? 0 }).week === week;
  });
}

/** The UTC days of a month (none for a month outside 1–12 or a year Footfall cannot hold). */
export function legacyMonthDays(year: number, month: number): string[] {
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12) return [];
  const days: string[] = [];
  for (let d = 1; d <= 31; d++) {
    const t = new Date(Date.UTC(year, month - 1, d));
    if (t.getUTCMonth() !== month - 1) break;
    days.push(formatDay({ year, month, day: d }));
  }
  return days;
}

/** The days of a period, in order. */
export const periodDays = (period: LegacyPeriod): string[] =>
  period.kind === 'week'
    ? legacyWeekDays(period.year, period.week)
    : legacyMonthDays(period.year, period.month);

/** Sorted days as runs of consecutive days (`{from, to}` inclusive), so each run is one range read. */
export function dayRuns(days: readonly string[]): { from: string; to: string }[] {
  const runs: { from: string; to: string }[] = [];
  for (const day of days) {
    const last = runs[runs.length - 1];
    if (last && dateOf(day).getTime() - dateOf(last.to).getTime() === 86_400_000) last.to = day;
    else runs.push({ from: day, to: day });
  }
  return runs;
}

/** Views and engagement totals of one day or day number. */
export interface DayTotals {
  count: number;
  scroll: number;
  duration: number;
}

const isEmpty = (t: DayTotals) => t.count === 0 && t.scroll === 0 && t.duration === 0;

/** Sums hourly counters into the given UTC days (hours of other days are ignored). */
export function totalsByDay(
  hours: Iterable<[number, LegacyHour]>,
  days: readonly string[],
): Map<string, DayTotals> {
  const wanted = new Set(days);
  const out = new Map<string, DayTotals>();
  for (const [hour, c] of hours) {
    const day = new Date(hour).toISOString().slice(0, 10);
    if (!wanted.has(day)) continue;
    const t = out.get(day) ?? { count: 0, scroll: 0, duration: 0 };
    t.count += c.views;
    t.scroll += c.scrollSum;
    t.duration += c.durationSum;
    out.set(day, t);
  }
  return out;
}

/** Groups per-day values by the original's day number (weekday or day of month), summing days that share one. */
function byDayNumber<T>(
  perDay: ReadonlyMap<string, T>,
  number: (day: string) => number,
  merge: (into: T, add: T) => T,
): Map<number, T> {
  const out = new Map<number, T>();
  for (const [day, value] of perDay) {
    const n = number(day);
    const prior = out.get(n);
    out.set(n, prior === undefined ? value : merge(prior, value));
  }
  return out;
}

const addTotals = (a: DayTotals, b: DayTotals): DayTotals => ({
  count: a.count + b.count,
  scroll: a.scroll + b.scroll,
  duration: a.duration + b.duration,
});

/**
 * The views answer: one entry per day number with data, ordered by it (the original's sort-key order), `count`
 * views and the `scroll`/`duration` totals.
 * @example viewsAnswer({ kind: 'month', year: 2026, month: 3 }, totalsByDay(hours, days))
 */
export function viewsAnswer(
  period: LegacyPeriod,
  perDay: ReadonlyMap<string, DayTotals>,
): WeekViewEntry[] | MonthViewEntry[] {
  const grouped = byDayNumber(perDay, period.kind === 'week' ? weekdayFromSunday : dayOfMonth, addTotals);
  const days = [...grouped].filter(([, t]) => !isEmpty(t)).sort(([a], [b]) => a - b);
  if (period.kind === 'week')
    return days.map(([day, t]) => ({
      year: period.year,
      week: period.week,
      day,
      count: t.count,
      scroll: t.scroll,
      duration: t.duration,
    }));
  return days.map(([day, t]) => ({
    year: period.year,
    month: period.month,
    day,
    count: t.count,
    scroll: t.scroll,
    duration: t.duration,
  }));
}

/** A browser name as the original stored it: spaces replaced by `-` (its chart puts them back). */
export const legacyBrowserName = (name: string): string => name.replace(/ /g, '-');

/** Compares strings by their UTF-8 bytes, the order DynamoDB sorts sort keys in. */
export const compareUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * The browsers answer: per day number and browser the views, ordered by day number, then browser name (the
 * original's `…-<day>#<browser>` sort key); days of a week that share a weekday add up, as they shared a key.
 */
export function browsersAnswer(
  period: LegacyPeriod,
  rowsPerDay: ReadonlyMap<string, readonly LegacyRow[]>,
): WeekBrowserEntry[] | MonthBrowserEntry[] {
  const perDay = new Map<string, Map<string, number>>();
  for (const [day, rows] of rowsPerDay) {
    const counts = new Map<string, number>();
    for (const r of rows) {
      const name = legacyBrowserName(r.value);
      counts.set(name, (counts.get(name) ?? 0) + r.views);
    }
    perDay.set(day, counts);
  }
  const grouped = byDayNumber(perDay, period.kind === 'week' ? weekdayFromSunday : dayOfMonth, (a, b) => {
    const out = new Map(a);
    for (const [name, n] of b) out.set(name, (out.get(name) ?? 0) + n);
    return out;
  });
  const entries: { day: number; browser: string; count: number }[] = [];
  for (const [day, counts] of grouped)
    for (const [browser, count] of counts) if (count > 0) entries.push({ day, browser, count });
  entries.sort((a, b) => a.day - b.day || compareUtf8(a.browser, b.browser));
  if (period.kind === 'week')
    return entries.map((e) => ({
      browser: e.browser,
      year: period.year,
      week: period.week,
      day: e.day,
      count: e.count,
    }));
  return entries.map((e) => ({
    browser: e.browser,
    year: period.year,
    month: period.month,
    day: e.day,
    count: e.count,
  }));
}

/** The pages answer: views per page over the period, ordered by path (the original's sort key). */
export function pagesAnswer(rowSets: readonly (readonly LegacyRow[])[]): PageEntry[] {
  const counts = new Map<string, number>();
  for (const rows of rowSets) for (const r of rows) counts.set(r.value, (counts.get(r.value) ?? 0) + r.views);
  return [...counts]
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => compareUtf8(a, b))
    .map(([page, count]) => ({ page, count }));
}

/**
 * Answers a validated legacy request for `site` from `source`: the reads it needs (one per run of days, one per
 * day for browsers) and the shaped answer.
 * @example await legacyAnswer(request, 'example.com', aggregateLegacySource(ctx))
 */
export async function legacyAnswer(
  request: LegacyRequest,
  site: string,
  source: LegacySource,
): Promise<LegacyAnswer> {
  const days = periodDays(request.period);
  const runs = dayRuns(days);
  switch (request.report) {
    case 'views': {
      const path = request.path === 'site' ? undefined : request.path;
      const reads = await Promise.all(runs.map((r) => source.hours(site, r.from, r.to, path)));
      // One map by hour: an hour is counted once, whichever read returned it.
      const hours = new Map(reads.flatMap((m) => [...m]));
      return viewsAnswer(request.period, totalsByDay(hours, days));
    }
    case 'browsers': {
      const reads = await Promise.all(days.map((d) => source.rows(site, 'browser', d, d)));
      return browsersAnswer(request.period, new Map(days.map((d, i) => [d, reads[i] ?? []])));
    }
    case 'pages':
      return pagesAnswer(await Promise.all(runs.map((r) => source.rows(site, 'page', r.from, r.to))));
  }
}
