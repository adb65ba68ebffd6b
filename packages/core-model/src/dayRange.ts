// Date ranges of reports: two real calendar days, in order, at most 400 days apart.

import { err, ok, type Result } from '@footfall/kernel';
import { MAX_RANGE_DAYS } from './schemas';
import { addDays, type CivilDate, daysBetween, formatDay, parseDay } from './time';

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
