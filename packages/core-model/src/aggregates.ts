// Aggregate items: what one view contributes to which counter, and how counters are written and read back.
import { createHash } from 'node:crypto';
import type { AttributeValue, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { counterOf, describe, type Item } from './attributes';
import type { Dimension } from './dimensions';
import { DecodeError } from './errors';
import type { Key, RawView } from './layout';
import { HOUR_MS, utcDayKey, utcHour } from './time';

/** Dimensions kept together in the per-day `dims#` item, with the one-letter prefix of their attributes. */
const DIM_PREFIX: Record<Exclude<Dimension, 'page'>, string> = {
  referrer: 'r',
  browser: 'b',
  os: 'o',
  device: 'd',
  country: 'c',
  utm_source: 's',
  utm_campaign: 'm',
};

/**
 * Page counters of a day are spread over this many items (by path hash) so that each stays near one
 * write unit when a single view updates it; a read sums all shards, so changing it never breaks reads.
 */
export const PAGE_SHARDS = 16;

/**
 * A site's per-page hour counters are spread over this many items (by path hash): one busy hour of a blog
 * holds ~60 pages × 5 counters, ~1.5 KB, and every view and engagement of that hour rewrites it; in four
 * items each stays under 1 KB (1 WCU), and a path-filtered read touches only its path's shard.
 */
export const HOUR_SHARDS = 4;

/**
 * Views and visitors of one page or dimension value share one number, `views × PAIR_RADIX + visitors`:
 * the name (often a long path) is stored once, which halves the item. Visitors never exceed views, and a
 * day's count stays far below 10^10, so the two never mix.
 */
export const PAIR_RADIX = 10_000_000_000n;

/** The partition holding every aggregate of one site. */
export const sitePartition = (site: string): string => `site#${site}`;

const key = (path: string, section: string): Key => ({ Path: { S: path }, Section: { S: section } });

/** `series#<day>`: the site's hourly counters for one UTC day (views, visitors, bots, engagement sums). */
export const seriesKey = (site: string, day: string): Key => key(sitePartition(site), `series#${day}`);
/** `hour#<shard>#<YYYY-MM-DDTHH>`: per-page counters of one UTC hour, pages named by their `pathDigest` hash. */
export const hourItemKey = (site: string, shard: string, hour: string): Key =>
  key(sitePartition(site), `hour#${shard}#${hour}`);
/** `pages#<day>#<shard>`: views/visitors per page for one UTC day, page names in full. */
export const pagesKey = (site: string, day: string, shard: string): Key =>
  key(sitePartition(site), `pages#${day}#${shard}`);
/**
 * `dims#<group>#<day>`: views/visitors per dimension value for one UTC day, in two items: `s` (sources:
 * referrer and UTM, present on about half of all views) and `t` (technology and place: browser, OS, device,
 * country, present on every view). Together they would pass 1 KB on a typical day; apart each stays under,
 * and with the group first a breakdown reads only its own group's items.
 */
export const dimsKey = (site: string, day: string, group: DimensionGroup): Key =>
  key(sitePartition(site), `dims#${group}#${day}`);

/** The two `dims#` item groups: sources (referrer, UTM) and technology/place (browser, OS, device, country). */
export type DimensionGroup = 's' | 't';

const groupOf = (dimension: Exclude<Dimension, 'page'>): DimensionGroup =>
  dimension === 'referrer' || dimension === 'utm_source' || dimension === 'utm_campaign' ? 's' : 't';

/** Sort-key bounds (inclusive, for BETWEEN) of one kind of aggregate item over a UTC day or hour range. */
export interface SectionRange {
  partition: string;
  from: string;
  to: string;
}

export const seriesRange = (site: string, fromDay: string, toDay: string): SectionRange => ({
  partition: sitePartition(site),
  from: `series#${fromDay}`,
  to: `series#${toDay}`,
});
/** The hour items holding `path`'s counters (its shard only) from `fromHour` to `toHour` (`YYYY-MM-DDTHH`). */
export function hourItemsRange(site: string, path: string, fromHour: string, toHour: string): SectionRange {
  const { hourShard } = pathDigest(path);
  return {
    partition: sitePartition(site),
    from: `hour#${hourShard}#${fromHour}`,
    to: `hour#${hourShard}#${toHour}`,
  };
}
export const pagesRange = (site: string, fromDay: string, toDay: string): SectionRange => ({
  partition: sitePartition(site),
  from: `pages#${fromDay}`,
  to: `pages#${toDay}#~`,
});
/** The `dims#` items holding `dimension` (only its group) over a UTC day range. */
export function dimsRange(
  site: string,
  dimension: Exclude<Dimension, 'page'>,
  fromDay: string,
  toDay: string,
): SectionRange {
  const g = groupOf(dimension);
  return { partition: sitePartition(site), from: `dims#${g}#${fromDay}`, to: `dims#${g}#${toDay}` };
}

/** The items a breakdown of `dimension` reads over a UTC day range: `pages#` shards or one `dims#` group. */
export const breakdownRange = (
  site: string,
  dimension: Dimension,
  fromDay: string,
  toDay: string,
): SectionRange =>
  dimension === 'page' ? pagesRange(site, fromDay, toDay) : dimsRange(site, dimension, fromDay, toDay);

const digestCache = new Map<string, { hash: string; shard: string; hourShard: string }>();

/** A page's short stable name in hour items (48 bits of SHA-256), its pages shard and its hour shard. */
export function pathDigest(path: string): { hash: string; shard: string; hourShard: string } {
  let d = digestCache.get(path);
  if (!d) {
    const sha = createHash('sha256').update(path).digest();
    d = {
      hash: sha.toString('base64url').slice(0, 8),
      shard: ((sha[0] ?? 0) % PAGE_SHARDS).toString(16),
      hourShard: ((sha[1] ?? 0) % HOUR_SHARDS).toString(16),
    };
    if (digestCache.size > 10_000) digestCache.clear();
    digestCache.set(path, d);
  }
  return d;
}

const hh = (ms: number) => String(utcHour(ms)).padStart(2, '0');

/** One counter increment: which item, which attribute, by how much. */
export type Contribution = [Key, string, bigint];

/** Everything one stored view counts towards. Bots count only as bots. */
export function contributions(v: RawView): Contribution[] {
  const day = utcDayKey(v.time);
  const h = hh(v.time);
  const series = seriesKey(v.site, day);
  if (v.bot) return [[series, `b${h}`, 1n]];
  const u = v.unique ? 1n : 0n;
  const pair = PAIR_RADIX + u;
  const { hash, shard, hourShard } = pathDigest(v.path);
  const hour = hourItemKey(v.site, hourShard, `${day}T${h}`);
  const out: Contribution[] = [
    [series, `v${h}`, 1n],
    [series, `u${h}`, u],
    [hour, `v:${hash}`, 1n],
    [hour, `u:${hash}`, u],
    [pagesKey(v.site, day, shard), v.path, pair],
  ];
  if (v.duration !== undefined) {
    const d = BigInt(v.duration);
    const s = BigInt(v.scroll ?? 0);
    out.push([series, `n${h}`, 1n], [series, `d${h}`, d], [series, `s${h}`, s]);
    out.push([hour, `n:${hash}`, 1n], [hour, `d:${hash}`, d], [hour, `s:${hash}`, s]);
  }
  const sources = dimsKey(v.site, day, groupOf('referrer'));
  const tech = dimsKey(v.site, day, groupOf('browser'));
  const values: [Key, string, string | undefined][] = [
    [sources, DIM_PREFIX.referrer, v.referrer],
    [sources, DIM_PREFIX.utm_source, v.utmSource],
    [sources, DIM_PREFIX.utm_campaign, v.utmCampaign],
    [tech, DIM_PREFIX.browser, v.browser],
    [tech, DIM_PREFIX.os, v.os],
    [tech, DIM_PREFIX.device, v.device],
    [tech, DIM_PREFIX.country, v.country],
  ];
  for (const [k, prefix, value] of values) if (value) out.push([k, `${prefix}:${value}`, pair]);
  return out;
}

const keyId = (k: Key) => `${k.Path.S}\u0000${k.Section.S}`;

/** The coalesced counter changes of a batch: per aggregate item, per attribute, one signed delta. */
export class DeltaSet {
  private readonly items = new Map<string, { key: Key; adds: Map<string, bigint> }>();

  /** Adds `delta` to one counter. */
  add(key: Key, attribute: string, delta: bigint): void {
    if (delta === 0n) return;
    const id = keyId(key);
    let entry = this.items.get(id);
    if (!entry) {
      entry = { key, adds: new Map() };
      this.items.set(id, entry);
    }
    const next = (entry.adds.get(attribute) ?? 0n) + delta;
    if (next === 0n) entry.adds.delete(attribute);
    else entry.adds.set(attribute, next);
  }

  /** Records a stored view changing from `before` (absent for a new view) to `after`. */
  addChange(before: RawView | undefined, after: RawView): void {
    for (const [k, a, d] of contributions(after)) this.add(k, a, d);
    if (before) for (const [k, a, d] of contributions(before)) this.add(k, a, -d);
  }

  /** Adds every counter of another set. */
  merge(other: DeltaSet): void {
    for (const e of other.entries()) for (const [a, d] of e.adds) this.add(e.key, a, d);
  }

  /** The items with at least one non-zero change. */
  entries(): { key: Key; id: string; adds: ReadonlyMap<string, bigint> }[] {
    const out: { key: Key; id: string; adds: ReadonlyMap<string, bigint> }[] = [];
    for (const [id, e] of this.items) if (e.adds.size > 0) out.push({ key: e.key, id, adds: e.adds });
    return out;
  }

  /** The set that undoes this one. */
  negated(): DeltaSet {
    const n = new DeltaSet();
    for (const e of this.entries()) for (const [a, d] of e.adds) n.add(e.key, a, -d);
    return n;
  }

  get size(): number {
    return this.entries().length;
  }
}

/** Attributes per UpdateItem: keeps the expression well under DynamoDB's 4 KB expression limit. */
const MAX_ADDS_PER_UPDATE = 150;

/** The UpdateItem calls (`ADD` only, so they commute and need no read) that apply one item's deltas. */
export function counterUpdates(
  tableName: string,
  key: Key,
  adds: ReadonlyMap<string, bigint>,
): UpdateItemCommandInput[] {
  const all = [...adds].filter(([, d]) => d !== 0n);
  const out: UpdateItemCommandInput[] = [];
  for (let i = 0; i < all.length; i += MAX_ADDS_PER_UPDATE) {
    const names: Record<string, string> = {};
    const values: Record<string, AttributeValue> = {};
    const clauses: string[] = [];
    all.slice(i, i + MAX_ADDS_PER_UPDATE).forEach(([attribute, delta], j) => {
      names[`#a${j}`] = attribute;
      values[`:a${j}`] = { N: delta.toString() };
      clauses.push(`#a${j} :a${j}`);
    });
    out.push({
      TableName: tableName,
      Key: key,
      UpdateExpression: `ADD ${clauses.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnConsumedCapacity: 'TOTAL',
    });
  }
  return out;
}

/** Counters of one hour (site-wide or for one page). */
export interface HourCounters {
  views: number;
  visitors: number;
  bots: number;
  engaged: number;
  durationSum: number;
  scrollSum: number;
}

export const emptyHour = (): HourCounters => ({
  views: 0,
  visitors: 0,
  bots: 0,
  engaged: 0,
  durationSum: 0,
  scrollSum: 0,
});

/** What an aggregate read found, plus the attributes it could not decode (to be logged, not thrown). */
export interface ReadResult<T> {
  value: T;
  errors: DecodeError[];
}

function counter(item: Item, name: string, errors: DecodeError[]): number {
  const d = counterOf(item[name], name);
  if (!d.ok) {
    errors.push(d.error);
    return 0;
  }
  return Number(d.value);
}

function sectionOf(item: Item): string {
  const s = item.Section;
  return s && 'S' in s && typeof s.S === 'string' ? s.S : '';
}

/** The error for an item whose Section does not carry the day/hour its counters belong to. */
function badSection(item: Item, expected: string): DecodeError {
  const s = sectionOf(item);
  return new DecodeError(
    'Section',
    expected,
    s === '' ? describe(item.Section) : JSON.stringify(s.slice(0, 40)),
  );
}

/** Reads a `series#` item: UTC hour start (epoch ms) → site counters. */
export function readSeriesItem(item: Item): ReadResult<Map<number, HourCounters>> {
  const errors: DecodeError[] = [];
  const out = new Map<number, HourCounters>();
  const section = sectionOf(item);
  const dayStart = Date.parse(`${section.slice('series#'.length)}T00:00:00Z`);
  if (!section.startsWith('series#') || Number.isNaN(dayStart)) {
    errors.push(badSection(item, 'S series#YYYY-MM-DD'));
    return { value: out, errors };
  }
  for (let h = 0; h < 24; h++) {
    const p = String(h).padStart(2, '0');
    if (!(`v${p}` in item || `b${p}` in item || `n${p}` in item)) continue;
    out.set(dayStart + h * HOUR_MS, {
      views: counter(item, `v${p}`, errors),
      visitors: counter(item, `u${p}`, errors),
      bots: counter(item, `b${p}`, errors),
      engaged: counter(item, `n${p}`, errors),
      durationSum: counter(item, `d${p}`, errors),
      scrollSum: counter(item, `s${p}`, errors),
    });
  }
  return { value: out, errors };
}

/** Reads one page's counters from an `hour#` item: its UTC hour start and the counters (absent when 0). */
export function readHourItem(
  item: Item,
  path: string,
): ReadResult<{ hour: number; counters?: HourCounters }> {
  const errors: DecodeError[] = [];
  // `hour#<shard>#<YYYY-MM-DDTHH>` (see hourItemKey): the hour is what follows the shard.
  const m = /^hour#[0-9a-f]+#(\d{4}-\d{2}-\d{2}T\d{2})$/.exec(sectionOf(item));
  const hour = m ? Date.parse(`${m[1]}:00:00Z`) : Number.NaN;
  if (Number.isNaN(hour)) {
    errors.push(badSection(item, 'S hour#<shard>#YYYY-MM-DDTHH'));
    return { value: { hour }, errors };
  }
  const { hash } = pathDigest(path);
  if (!(`v:${hash}` in item || `n:${hash}` in item)) return { value: { hour }, errors };
  return {
    value: {
      hour,
      counters: {
        views: counter(item, `v:${hash}`, errors),
        visitors: counter(item, `u:${hash}`, errors),
        bots: 0,
        engaged: counter(item, `n:${hash}`, errors),
        durationSum: counter(item, `d:${hash}`, errors),
        scrollSum: counter(item, `s:${hash}`, errors),
      },
    },
    errors,
  };
}

/** Views and visitors of one breakdown value. */
export interface PairCount {
  views: number;
  visitors: number;
}

function pair(item: Item, name: string, errors: DecodeError[]): PairCount | undefined {
  const d = counterOf(item[name], name);
  if (!d.ok) {
    errors.push(d.error);
    return undefined;
  }
  const v = d.value;
  return { views: Number(v / PAIR_RADIX), visitors: Number(v % PAIR_RADIX) };
}

function addPair(into: Map<string, PairCount>, value: string, p: PairCount): void {
  const cur = into.get(value);
  if (cur) {
    cur.views += p.views;
    cur.visitors += p.visitors;
  } else into.set(value, { ...p });
}

/**
 * Adds one aggregate item's breakdown rows for `dimension` into `into` (page → `pages#` items, the rest →
 * `dims#` items; items of the other kind contribute nothing).
 */
export function addBreakdownRows(
  item: Item,
  dimension: Dimension,
  into: Map<string, PairCount>,
): DecodeError[] {
  const errors: DecodeError[] = [];
  const section = sectionOf(item);
  if (dimension === 'page') {
    if (!section.startsWith('pages#')) return errors;
    for (const name of Object.keys(item)) {
      if (!name.startsWith('/')) continue;
      const p = pair(item, name, errors);
      if (p) addPair(into, name, p);
    }
    return errors;
  }
  if (!section.startsWith('dims#')) return errors;
  const prefix = `${DIM_PREFIX[dimension]}:`;
  for (const name of Object.keys(item)) {
    if (!name.startsWith(prefix)) continue;
    const p = pair(item, name, errors);
    if (p) addPair(into, name.slice(prefix.length), p);
  }
  return errors;
}
