// Date ranges of reports: two real calendar days, in order, at most 400 days apart.

import { err, ok, type Result } from '@footfall/kernel';
import { MAX_RANGE_DAYS } from './schemas';
import { addDays, type CivilDate, daysBetween, formatDay, type Interval, parseDay } from './time';

/** A validated inclusive range of days. */
export interface DayRange {
  from: CivilDate;
  to: CivilDate;
  /** `YYYY-MM-DD` of each end. */
  fromKey: string;
  toKey: string;
}

/** Why a range was refused: a snake_case code (the HTTP error code) and a sentence. */
export interface RangeProblem {
  code: 'invalid_date' | 'invalid_range' | 'range_too_long';
  message: string;
}

/**
 * Parses `from`/`to` (`YYYY-MM-DD`): `invalid_date` for a non-date, `invalid_range` when reversed,
 * `range_too_long` beyond 400 days.
 * @example parseDayRange('2026-01-01', '2026-01-31')
 */
export function parseDayRange(from: unknown, to: unknown): Result<DayRange, RangeProblem> {
  const f = parseDay(from);
  if (!f.ok) return err({ code: 'invalid_date', message: `from: ${f.error}` });
  const t = parseDay(to);
  if (!t.ok) return err({ code: 'invalid_date', message: `to: ${t.error}` });
  const days = daysBetween(f.value, t.value);
  if (days < 1) return err({ code: 'invalid_range', message: '`from` must not be after `to`.' });
  if (days > MAX_RANGE_DAYS)
    return err({
      code: 'range_too_long',
      message: `A range may span at most ${MAX_RANGE_DAYS} days; this one spans ${days}.`,
    });
  return ok({ from: f.value, to: t.value, fromKey: formatDay(f.value), toKey: formatDay(t.value) });
}

/** Every day of a range as `YYYY-MM-DD`. */
export function daysOf(range: DayRange): string[] {
  const n = daysBetween(range.from, range.to);
  return Array.from({ length: n }, (_, i) => formatDay(addDays(range.from, i)));
}

const lastDayOfMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The period a range is compared with (`compare=previous`): for a month interval over whole calendar months, the
 * same number of whole months just before; otherwise the same number of days just before `from` (a range of
 * whole ISO weeks therefore compares with whole ISO weeks, a day with the day before).
 * @example previousRange(range('2026-03-01', '2026-03-31'), 'month') // 2026-02-01 … 2026-02-28
 */
export function previousRange(range: DayRange, interval: Interval): DayRange {
  const { from, to } = range;
  const wholeMonths = from.day === 1 && to.day === lastDayOfMonth(to.year, to.month);
  let start: CivilDate;
  if (interval === 'month' && wholeMonths) {
    const months = to.year * 12 + to.month - (from.year * 12 + from.month) + 1;
    const index = from.year * 12 + (from.month - 1) - months;
    start = { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
  } else start = addDays(from, -daysBetween(from, to));
  const end = addDays(from, -1);
  return { from: start, to: end, fromKey: formatDay(start), toKey: formatDay(end) };
}
