// Date ranges of the reporting routes: two real calendar days, in order, at most 400 days apart.
import { type CivilDate, daysBetween, formatDay, MAX_RANGE_DAYS, parseDay } from '@footfall/core-model';
import { type ApiError, badRequest } from '../errors';

/** A validated inclusive range of days. */
export interface DayRange {
  from: CivilDate;
  to: CivilDate;
  /** `YYYY-MM-DD` of each end. */
  fromKey: string;
  toKey: string;
}

/**
 * Parses `from`/`to` (`YYYY-MM-DD`): 400 `invalid_date` for a non-date, `invalid_range` when reversed,
 * `range_too_long` beyond 400 days.
 * @example parseDayRange('2026-01-01', '2026-01-31')
 */
export function parseDayRange(
  from: unknown,
  to: unknown,
): { ok: true; value: DayRange } | { ok: false; error: ApiError } {
  const f = parseDay(from);
  if (!f.ok) return { ok: false, error: badRequest('invalid_date', `from: ${f.error}`) };
  const t = parseDay(to);
  if (!t.ok) return { ok: false, error: badRequest('invalid_date', `to: ${t.error}`) };
  const days = daysBetween(f.value, t.value);
  if (days < 1) return { ok: false, error: badRequest('invalid_range', '`from` must not be after `to`.') };
  if (days > MAX_RANGE_DAYS)
    return {
      ok: false,
      error: badRequest(
        'range_too_long',
        `A range may span at most ${MAX_RANGE_DAYS} days; this one spans ${days}.`,
      ),
    };
  return {
    ok: true,
    value: { from: f.value, to: t.value, fromKey: formatDay(f.value), toKey: formatDay(t.value) },
  };
}
