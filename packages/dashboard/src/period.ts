// Periods of the picker (today, last 7/30 days, this/last month, custom) turned into day ranges in a zone.

import { err, ok, type Result } from '@footfall/kernel';
import { addDays, daysInRange, isDay, startOfMonth, todayIn } from './days';
import { DashboardError } from './errors';

/** The periods the picker offers. */
export const PERIODS = ['today', '7d', '30d', 'month', 'last-month', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

/** What each period is called in the picker. */
export const PERIOD_LABELS: Record<Period, string> = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  month: 'This month',
  'last-month': 'Last month',
  custom: 'Custom range',
};

/** The API answers at most this many days per request (SPEC §3). */
export const MAX_RANGE_DAYS = 400;

/** An inclusive range of calendar days, as the API takes it. */
export interface DayRange {
  from: string;
  to: string;
}

/** True for a known period id. */
export function isPeriod(value: string): value is Period {
  return (PERIODS as readonly string[]).includes(value);
}

/** Checks a custom range: real days, in order, within the API's limit. */
export function checkRange(from: string, to: string): Result<DayRange, DashboardError> {
  if (!isDay(from) || !isDay(to))
    return err(new DashboardError('invalid_range', 'Pick a start and an end date.'));
  if (from > to)
    return err(new DashboardError('invalid_range', 'The start date must not be after the end date.'));
  if (daysInRange(from, to) > MAX_RANGE_DAYS)
    return err(new DashboardError('invalid_range', `Pick at most ${MAX_RANGE_DAYS} days.`));
  return ok({ from, to });
}

/**
 * The days a period covers in time zone `tz` at instant `now`; "last N days" end with today (included),
 * "this month" runs from its first day to today.
 * @example periodRange('7d', new Date('2026-11-26T12:00Z'), 'UTC') // { ok: true, value: { from: '2026-11-20', to: '2026-11-26' } }
 */
export function periodRange(
  period: Period,
  now: Date,
  tz: string,
  custom?: Partial<DayRange>,
): Result<DayRange, DashboardError> {
  const today = todayIn(tz, now);
  switch (period) {
    case 'today':
      return ok({ from: today, to: today });
    case '7d':
      return ok({ from: addDays(today, -6), to: today });
    case '30d':
      return ok({ from: addDays(today, -29), to: today });
    case 'month':
      return ok({ from: startOfMonth(today), to: today });
    case 'last-month': {
      const lastDay = addDays(startOfMonth(today), -1);
      return ok({ from: startOfMonth(lastDay), to: lastDay });
    }
    case 'custom':
      return checkRange(custom?.from ?? '', custom?.to ?? '');
  }
}

/**
 * True when the range holds the calendar day it is at `now` in `tz`: its figures are still growing.
 * @example includesToday({ from: '2026-11-20', to: '2026-11-26' }, new Date('2026-11-26T12:00Z'), 'UTC') // true
 */
export function includesToday(range: DayRange, now: Date, tz: string): boolean {
  const today = todayIn(tz, now);
  return range.from <= today && today <= range.to;
}
