// Which chart interval suits a range, and which ones a range may use.
import { daysInRange } from './days';

/** The bucket sizes the API offers. */
export const INTERVALS = ['hour', 'day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

/** What each interval is called in the picker. */
export const INTERVAL_LABELS: Record<Interval, string> = {
  hour: 'Hourly',
  day: 'Daily',
  week: 'Weekly',
  month: 'Monthly',
};

/** Beyond a month of hours the chart is a smear of ~750 points and the request reads every hour item. */
const MAX_HOUR_DAYS = 31;

/** True for a known interval. */
export function isInterval(value: string): value is Interval {
  return (INTERVALS as readonly string[]).includes(value);
}

/**
 * The interval a range gets unless the user picks one: hours for up to 2 days, days up to ~3 months, weeks beyond.
 * @example defaultInterval('2026-11-01', '2026-11-30') // 'day'
 */
export function defaultInterval(from: string, to: string): Interval {
  const days = daysInRange(from, to);
  if (days <= 2) return 'hour';
  if (days <= 92) return 'day';
  return 'week';
}

/** The intervals the picker offers for a range. @example allowedIntervals('2026-01-01', '2026-12-31') // ['day', 'week', 'month'] */
export function allowedIntervals(from: string, to: string): Interval[] {
  return daysInRange(from, to) <= MAX_HOUR_DAYS ? [...INTERVALS] : ['day', 'week', 'month'];
}

/** The user's choice when the range allows it, else the default. */
export function effectiveInterval(from: string, to: string, chosen: Interval | undefined): Interval {
  return chosen && allowedIntervals(from, to).includes(chosen) ? chosen : defaultInterval(from, to);
}
