// Time series: hourly counters of a site (series items) or of one page (its trie path), summed into buckets.
import {
  type DecodeError,
  emptyHour,
  HOUR_MS,
  type HourCounters,
  type Interval,
  keyId,
  MAX_TRIE_DEPTH,
  readSeriesItem,
  readTrieNode,
  seriesRange,
  type TimeseriesPoint,
  type TimeseriesResponse,
  trieNodeKey,
  valueHash,
} from '@footfall/core-model';
import type { Table } from '../table';
import { getItems } from './getItems';
import { queryItems } from './queryItems';

/** Counters per UTC hour start (epoch ms), the read units spent, and what could not be decoded. */
export interface HourlyCounters {
  hours: Map<number, HourCounters>;
  readUnits: number;
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

/**
 * A site's hourly counters over UTC days (one Query of its series items).
 * @example const { hours } = await readSiteHours(table, 'example.com', ['2026-03-01', '2026-03-02']);
 */
export async function readSiteHours(
  table: Table,
  site: string,
  days: readonly string[],
): Promise<HourlyCounters> {
  const hours = new Map<number, HourCounters>();
  const errors: DecodeError[] = [];
  if (days.length === 0) return { hours, readUnits: 0, errors };
  const { items, readUnits } = await queryItems(
    table,
    seriesRange(site, days[0] ?? '', days[days.length - 1] ?? ''),
  );
  for (const item of items) {
    const r = readSeriesItem(item);
    errors.push(...r.errors);
    for (const [hour, c] of r.value) addHour(hours, hour, c);
  }
  return { hours, readUnits, errors };
}

/**
 * The hourly counters of a site over UTC days, or of one of its pages when `path` is given.
 * @example const { hours } = await readHours(table, 'example.com', days, query.path);
 */
export const readHours = (
  table: Table,
  site: string,
  days: readonly string[],
  path?: string | null,
): Promise<HourlyCounters> =>
  path === undefined || path === null
    ? readSiteHours(table, site, days)
    : readPageHours(table, site, path, days);

/**
 * One page's hourly counters over UTC days. Its counts live only in the trie items on its hash path, so this
 * reads those (level by level, all days at once) and no other page's: a few items per day.
 * @example const { hours } = await readPageHours(table, 'example.com', '/blog/', ['2026-03-01']);
 */
export const readPageHours = (
  table: Table,
  site: string,
  path: string,
  days: readonly string[],
): Promise<HourlyCounters> => readValueHours(table, site, 'page', path, days);

/**
 * The hourly counters of one value of an hourly trie dimension (a page, or an event name: events in `views`,
 * conversions in `visitors`) over UTC days, read along its hash path only.
 * @example const { hours } = await readValueHours(table, 'example.com', 'event', 'signup', days);
 */
export async function readValueHours(
  table: Table,
  site: string,
  dimension: 'page' | 'event',
  value: string,
  days: readonly string[],
): Promise<HourlyCounters> {
  const hours = new Map<number, HourCounters>();
  const errors: DecodeError[] = [];
  const { hex, id } = valueHash(value);
  let readUnits = 0;
  let open = [...days];
  for (let depth = 0; depth <= MAX_TRIE_DEPTH && open.length > 0; depth++) {
    const keys = open.map((day) => trieNodeKey(site, dimension, day, hex.slice(0, depth)));
    const got = await getItems(table, keys);
    readUnits += got.readUnits;
    const next: string[] = [];
    open.forEach((day, i) => {
      const key = keys[i];
      const item = key ? got.items.get(keyId(key)) : undefined;
      // Below an absent item there is nothing: writers only go deeper past an item that exists.
      if (!item) return;
      next.push(day);
      const node = readTrieNode(item);
      errors.push(...node.errors);
      const dayStart = Date.parse(`${day}T00:00:00Z`);
      for (const [hour, c] of node.value?.pageHours.get(id) ?? [])
        addHour(hours, dayStart + hour * HOUR_MS, {
          views: Number(c.views),
          visitors: Number(c.visitors),
          bots: 0,
          engaged: Number(c.engaged),
          durationSum: Number(c.durationSum),
          scrollSum: Number(c.scrollSum),
        });
    });
    open = next;
  }
  return { hours, readUnits, errors };
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
