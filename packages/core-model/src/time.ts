// Time buckets: aggregates are kept per UTC hour; days, ISO weeks and months in any IANA zone are built from them.
import { err, ok, type Result } from '@footfall/kernel';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Reporting intervals of SPEC §3. */
export const INTERVALS = ['hour', 'day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

/** A calendar date without a zone. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');

/** Formats a civil date as `YYYY-MM-DD`. */
export const formatDay = (d: CivilDate): string => `${pad4(d.year)}-${pad2(d.month)}-${pad2(d.day)}`;

/** The UTC day key of an instant, `YYYY-MM-DD`. @example utcDayKey(0) === '1970-01-01' */
export function utcDayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The UTC hour key of an instant, `YYYY-MM-DDTHH`. @example utcHourKey(0) === '1970-01-01T00' */
export function utcHourKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13);
}

/** The UTC hour (0–23) of an instant. */
export const utcHour = (ms: number): number => new Date(ms).getUTCHours();

/** Parses `YYYY-MM-DD` into a real calendar date (rejects 2026-02-30). */
export function parseDay(s: unknown): Result<CivilDate, string> {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return err('expected a date as YYYY-MM-DD');
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  const t = new Date(Date.UTC(year, month - 1, day));
  if (year < 1970 || t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day)
    return err(`${s} is not a calendar date`);
  return ok({ year, month, day });
}

/** Days from `from` to `to` inclusive (negative when reversed). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return (
    Math.round(
      (Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / DAY_MS,
    ) + 1
  );
}

/** Adds days to a civil date. */
export function addDays(d: CivilDate, n: number): CivilDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day) + n * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when `tz` is an IANA time zone this runtime knows. */
export function isValidTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64) return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/** Local wall-clock fields of an instant in a zone. */
export interface LocalTime extends CivilDate {
  hour: number;
  minute: number;
  /** Offset from UTC in minutes (local − UTC). */
  offset: number;
}

/** Splits an instant into local wall-clock fields in `tz` (which must be valid). */
export function localTime(ms: number, tz: string): LocalTime {
  const parts = formatterFor(tz).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const year = get('year');
  const month = get('month');
  const day = get('day');
  const hour = get('hour');
  const minute = get('minute');
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offset = Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
  return { year, month, day, hour, minute, offset };
}

function compareDates(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The first UTC hour whose start falls on local date `d` or later in `tz`. */
function firstHourOnOrAfter(d: CivilDate, tz: string): number {
  // Zones are within −12h…+14h of UTC, so the answer is within a day and a half of UTC midnight.
  let h = Date.UTC(d.year, d.month - 1, d.day) - 15 * HOUR_MS;
  for (let i = 0; i < 40; i++, h += HOUR_MS) {
    if (compareDates(localTime(h, tz), d) >= 0) return h;
  }
  return h;
}

/**
 * The UTC hours `[start, end)` whose local date in `tz` lies in `from..to`. An hour belongs to the local day
 * its start falls on, which is exact for whole-hour zones and the documented approximation for :30/:45 zones.
 */
export function hourRange(from: CivilDate, to: CivilDate, tz: string): { start: number; end: number } {
  return { start: firstHourOnOrAfter(from, tz), end: firstHourOnOrAfter(addDays(to, 1), tz) };
}

/** ISO 8601 week of a civil date: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(d: CivilDate): { year: number; week: number } {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day));
  const weekday = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - weekday); // the Thursday of this week decides its year
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t.getTime() - Date.UTC(year, 0, 1)) / DAY_MS + 1) / 7);
  return { year, week };
}

function offsetSuffix(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

/**
 * The label of the bucket an hour (given by its UTC start) falls in: `2026-11-26T09:00+01:00` (hour, local
 * with offset, unique across DST changes), `2026-11-26` (day), `2026-W48` (ISO week), `2026-11` (month).
 */
export function bucketLabel(hourStartMs: number, interval: Interval, tz: string): string {
  const l = localTime(hourStartMs, tz);
  switch (interval) {
    case 'hour':
      return `${formatDay(l)}T${pad2(l.hour)}:${pad2(l.minute)}${offsetSuffix(l.offset)}`;
    case 'day':
      return formatDay(l);
    case 'week': {
      const w = isoWeek(l);
      return `${pad4(w.year)}-W${pad2(w.week)}`;
    }
    case 'month':
      return `${pad4(l.year)}-${pad2(l.month)}`;
  }
}

/** Every bucket of a range, in order, with the UTC hours each one covers. */
export function bucketsInRange(
  from: CivilDate,
  to: CivilDate,
  interval: Interval,
  tz: string,
): { label: string; hours: number[] }[] {
  const { start, end } = hourRange(from, to, tz);
  const out: { label: string; hours: number[] }[] = [];
  for (let h = start; h < end; h += HOUR_MS) {
    const label = bucketLabel(h, interval, tz);
    const last = out[out.length - 1];
    if (last && last.label === label) last.hours.push(h);
    else out.push({ label, hours: [h] });
  }
  return out;
}

/** UTC days (`YYYY-MM-DD`) touched by the hours `[start, end)`. */
export function utcDaysOf(start: number, end: number): string[] {
  const days: string[] = [];
  for (let d = Math.floor(start / DAY_MS) * DAY_MS; d < end; d += DAY_MS) days.push(utcDayKey(d));
  return days;
}
