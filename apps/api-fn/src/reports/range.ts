// Date ranges of the reporting routes: core-model's rules, refused as a 400 with the rule's code.
import { type DayRange, parseDayRange as parse } from '@footfall/core-model';
import { type ApiError, badRequest } from '../errors';

export type { DayRange };

/**
 * Parses `from`/`to` (`YYYY-MM-DD`): 400 `invalid_date` for a non-date, `invalid_range` when reversed,
 * `range_too_long` beyond 400 days.
 * @example parseDayRange('2026-01-01', '2026-01-31')
 */
export function parseDayRange(
  from: unknown,
  to: unknown,
): { ok: true; value: DayRange } | { ok: false; error: ApiError } {
  const r = parse(from, to);
  return r.ok ? r : { ok: false, error: badRequest(r.error.code, r.error.message) };
}
