// Numbers, durations, percentages and bucket labels as the dashboard writes them.
import type { Interval } from './interval';

/** A count with the locale's grouping. @example formatCount(12345, 'en-US') // '12,345' */
export function formatCount(n: number, locale?: string): string {
  return Number.isFinite(n) ? new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n) : '–';
}

/**
 * Seconds as m:ss, or h:mm:ss from an hour on; rounded to whole seconds.
 * @example formatDuration(65.4) // '1:05'
 */
export function formatDuration(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A percentage given as 0–100, whole numbers. @example formatPercent(42.6, 'en-US') // '43%' */
export function formatPercent(percent: number, locale?: string): string {
  const value = Number.isFinite(percent) ? percent / 100 : 0;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** The parts of an API bucket label (`2026-11-26T09:00+01:00`, `2026-11-26`, `2026-W48`, `2026-11`). */
interface BucketParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  week: number;
}

/** Reads a bucket label; undefined when it does not match the interval's format. */
export function parseBucket(t: string, interval: Interval): BucketParts | undefined {
  const patterns: Record<Interval, RegExp> = {
    hour: /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):\d{2}/,
    day: /^(\d{4})-(\d{2})-(\d{2})$/,
    week: /^(\d{4})-W(\d{2})$/,
    month: /^(\d{4})-(\d{2})$/,
  };
  const m = patterns[interval].exec(t);
  if (!m) return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  if (interval === 'week') return { year: n(1), month: 1, day: 1, hour: 0, week: n(2) };
  return {
    year: n(1),
    month: n(2),
    day: interval === 'month' ? 1 : n(3),
    hour: interval === 'hour' ? n(4) : 0,
    week: 0,
  };
}

function dateText(p: BucketParts, locale: string | undefined, options: Intl.DateTimeFormatOptions): string {
  // The label already names the zone's calendar day, so it is formatted as a UTC date to stay that day.
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(
    new Date(Date.UTC(p.year, p.month - 1, p.day)),
  );
}

const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * A short axis label; `withDate` adds the day under an hour (at midnight and the first tick).
 * @example tickLabel('2026-11-26', 'day', 'en-GB') // '26 Nov'
 */
export function tickLabel(t: string, interval: Interval, locale?: string, withDate = false): string {
  const p = parseBucket(t, interval);
  if (!p) return t;
  switch (interval) {
    case 'hour':
      return withDate
        ? `${hh(p.hour)}\n${dateText(p, locale, { day: 'numeric', month: 'short' })}`
        : hh(p.hour);
    case 'day':
      return dateText(p, locale, { day: 'numeric', month: 'short' });
    case 'week':
      return `W${p.week}`;
    case 'month':
      return dateText(p, locale, { month: 'short', year: 'numeric' });
  }
}

/** A full label for the legend and screen readers. @example fullLabel('2026-W48', 'week') // 'Week 48, 2026' */
export function fullLabel(t: string, interval: Interval, locale?: string): string {
  const p = parseBucket(t, interval);
  if (!p) return t;
  switch (interval) {
    case 'hour':
      return `${dateText(p, locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })}, ${hh(p.hour)}`;
    case 'day':
      return dateText(p, locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    case 'week':
      return `Week ${p.week}, ${p.year}`;
    case 'month':
      return dateText(p, locale, { month: 'long', year: 'numeric' });
  }
}

/** Nice tick steps per interval, in buckets (hours align to the clock, days to weeks). */
const TICK_STEPS: Record<Interval, number[]> = {
  hour: [1, 2, 3, 6, 12, 24, 48, 72, 168],
  day: [1, 2, 7, 14, 28, 56],
  week: [1, 2, 4, 13, 26, 52],
  month: [1, 2, 3, 6, 12],
};

/**
 * Which bucket indices get an axis label so that at most `maxTicks` show; `phase` aligns steps (the first
 * bucket's hour, so 6-hour ticks fall on 00, 06, 12, 18).
 * @example tickIndices(24, 4, 'hour', 0) // [0, 6, 12, 18]
 */
export function tickIndices(n: number, maxTicks: number, interval: Interval, phase = 0): number[] {
  if (n <= 0) return [];
  const limit = Math.max(1, Math.floor(maxTicks));
  const step = TICK_STEPS[interval].find((s) => Math.ceil(n / s) <= limit) ?? Math.ceil(n / limit);
  const out: number[] = [];
  for (let i = 0; i < n; i++) if ((i + phase) % step === 0) out.push(i);
  return out;
}

/**
 * A range of calendar days, short (`YYYY-MM-DD` in, the locale's words out).
 * @example formatDayRange('2026-11-13', '2026-11-19', 'en-GB') // '13 – 19 Nov 2026'
 */
export function formatDayRange(from: string, to: string, locale?: string): string {
  const a = parseBucket(from, 'day');
  const b = parseBucket(to, 'day');
  if (!a || !b) return `${from} – ${to}`;
  const format = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const start = new Date(Date.UTC(a.year, a.month - 1, a.day));
  const end = new Date(Date.UTC(b.year, b.month - 1, b.day));
  return from === to ? format.format(start) : format.formatRange(start, end);
}
