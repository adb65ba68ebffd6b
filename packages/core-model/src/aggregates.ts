// Aggregate items: what one view contributes to which counter, and how counters are written and read back.
import { createHash } from 'node:crypto';
import type { AttributeValue, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { counterOf, type Item } from './attributes';
import type { DecodeError } from './errors';
import type { Key, RawView } from './layout';
import { HOUR_MS, utcDayKey, utcHour } from './time';

/** Breakdown dimensions of SPEC §3. */
export const DIMENSIONS = [
  'page',
  'referrer',
  'browser',
  'os',
  'device',
  'country',
  'utm_source',
  'utm_campaign',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

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
/** `hour#<YYYY-MM-DDTHH>`: per-page counters of one UTC hour, pages named by `pathHash`. */
export const hourItemKey = (site: string, hour: string): Key => key(sitePartition(site), `hour#${hour}`);
/** `pages#<day>#<shard>`: views/visitors per page for one UTC day, page names in full. */
export const pagesKey = (site: string, day: string, shard: string): Key =>
  key(sitePartition(site), `pages#${day}#${shard}`);
/** `dims#<day>`: views/visitors per referrer, browser, OS, device, country and UTM value for one UTC day. */
export const dimsKey = (site: string, day: string): Key => key(sitePartition(site), `dims#${day}`);

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
export const hourItemsRange = (site: string, fromHour: string, toHour: string): SectionRange => ({
  partition: sitePartition(site),
  from: `hour#${fromHour}`,
  to: `hour#${toHour}`,
});
export const pagesRange = (site: string, fromDay: string, toDay: string): SectionRange => ({
  partition: sitePartition(site),
  from: `pages#${fromDay}`,
  to: `pages#${toDay}#~`,
});
export const dimsRange = (site: string, fromDay: string, toDay: string): SectionRange => ({
  partition: sitePartition(site),
  from: `dims#${fromDay}`,
  to: `dims#${toDay}`,
});

const digestCache = new Map<string, { hash: string; shard: string }>();

/** A page's short stable name in hour items (48 bits of SHA-256) and its pages shard. */
export function pathDigest(path: string): { hash: string; shard: string } {
  let d = digestCache.get(path);
  if (!d) {
    const sha = createHash('sha256').update(path).digest();
    d = { hash: sha.toString('base64url').slice(0, 8), shard: ((sha[0] ?? 0) % PAGE_SHARDS).toString(16) };
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
  const { hash, shard } = pathDigest(v.path);
  const hour = hourItemKey(v.site, `${day}T${h}`);
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
  const dims = dimsKey(v.site, day);
  const values: [string, string | undefined][] = [
    [DIM_PREFIX.referrer, v.referrer],
    [DIM_PREFIX.browser, v.browser],
    [DIM_PREFIX.os, v.os],
    [DIM_PREFIX.device, v.device],
    [DIM_PREFIX.country, v.country],
    [DIM_PREFIX.utm_source, v.utmSource],
    [DIM_PREFIX.utm_campaign, v.utmCampaign],
  ];
  for (const [prefix, value] of values) if (value) out.push([dims, `${prefix}:${value}`, pair]);
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

/** Reads a `series#` item: UTC hour start (epoch ms) → site counters. */
export function readSeriesItem(item: Item): ReadResult<Map<number, HourCounters>> {
  const errors: DecodeError[] = [];
  const out = new Map<number, HourCounters>();
  const day = sectionOf(item).slice('series#'.length);
  const dayStart = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(dayStart)) return { value: out, errors };
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
  const hour = Date.parse(`${sectionOf(item).slice('hour#'.length)}:00:00Z`);
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
