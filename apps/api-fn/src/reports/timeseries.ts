// Pure time-series report: hourly counters from aggregate items, summed into the requested buckets.
import {
  type DecodeError,
  emptyHour,
  type HourCounters,
  type Interval,
  type Item,
  readHourItem,
  readSeriesItem,
  type TimeseriesPoint,
  type TimeseriesResponse,
} from '@footfall/core-model';

/** Counters per UTC hour start (epoch ms), plus what could not be decoded (logged by the caller). */
export interface HourlyCounters {
  hours: Map<number, HourCounters>;
  errors: DecodeError[];
}

function addInto(into: HourCounters, c: HourCounters): void {
  into.views += c.views;
  into.visitors += c.visitors;
  into.bots += c.bots;
  into.engaged += c.engaged;
  into.durationSum += c.durationSum;
  into.scrollSum += c.scrollSum;
}

function addHour(hours: Map<number, HourCounters>, hour: number, c: HourCounters): void {
  let cur = hours.get(hour);
  if (!cur) {
    cur = emptyHour();
    hours.set(hour, cur);
  }
  addInto(cur, c);
}

/** Site-wide hourly counters from `series#` items. */
export function siteHours(items: readonly Item[]): HourlyCounters {
  const hours = new Map<number, HourCounters>();
  const errors: DecodeError[] = [];
  for (const item of items) {
    const r = readSeriesItem(item);
    errors.push(...r.errors);
    for (const [hour, c] of r.value) addHour(hours, hour, c);
  }
  return { hours, errors };
}

/** One page's hourly counters from `hour#` items. */
export function pageHours(items: readonly Item[], path: string): HourlyCounters {
  const hours = new Map<number, HourCounters>();
  const errors: DecodeError[] = [];
  for (const item of items) {
    const r = readHourItem(item, path);
    errors.push(...r.errors);
    if (r.value.counters && Number.isFinite(r.value.hour)) addHour(hours, r.value.hour, r.value.counters);
  }
  return { hours, errors };
}

/** A mean rounded to one decimal, 0 when nothing was measured. */
export const average = (sum: number, count: number): number =>
  count > 0 ? Math.round((sum / count) * 10) / 10 : 0;

/** What a time series is built from. */
export interface TimeseriesInput {
  site: string;
  path: string | null;
  interval: Interval;
  tz: string;
  /** Every bucket of the range in order (core-model bucketsInRange). */
  buckets: readonly { label: string; hours: readonly number[] }[];
  hours: ReadonlyMap<number, HourCounters>;
}

/**
 * Sums hourly counters into every bucket (zeros where nothing happened) and the totals; bots are
 * reported only in the totals, apart from views.
 * @example buildTimeseries({ site, path: null, interval: 'day', tz: 'UTC', buckets, hours })
 */
export function buildTimeseries(input: TimeseriesInput): TimeseriesResponse {
  const total = emptyHour();
  const points: TimeseriesPoint[] = input.buckets.map((bucket) => {
    const sum = emptyHour();
    for (const h of bucket.hours) {
      const c = input.hours.get(h);
      if (c) addInto(sum, c);
    }
    addInto(total, sum);
    return {
      t: bucket.label,
      views: sum.views,
      visitors: sum.visitors,
      avgDuration: average(sum.durationSum, sum.engaged),
      avgScroll: average(sum.scrollSum, sum.engaged),
    };
  });
  return {
    site: input.site,
    path: input.path,
    interval: input.interval,
    tz: input.tz,
    points,
    totals: {
      views: total.views,
      visitors: total.visitors,
      avgDuration: average(total.durationSum, total.engaged),
      avgScroll: average(total.scrollSum, total.engaged),
      bots: total.bots,
    },
  };
}
