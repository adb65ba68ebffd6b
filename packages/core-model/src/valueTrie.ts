// Value tries: a site's per-day counts of pages, referrers and UTM values in small items that split as they fill.
//
// Each client-controlled dimension of a day is a trie of items keyed by a prefix of the value's SHA-256 (hex):
// the root `pg#<day>#`, its children `pg#<day>#0` … `pg#<day>#f`, and so on. A value is written to the first
// item on its path that has room; an item never holds more than NODE_TARGET_BYTES (one write unit), so a
// write costs the same on the first view of the day and on the millionth distinct page, and nothing a client
// sends can grow an item. The rules that keep this true (who writes where, the size condition, the cap on
// distinct values) are in packages/store; this file is the layout they write and the readers read.
import { createHash } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { aggregateKey, type ReadResult, type SectionRange, sectionOf, sitePartition } from './aggregateKeys';
import { counterOf, describe, type Item } from './attributes';
import { DecodeError } from './errors';
import { utf8Bytes } from './itemSize';
import type { Key } from './keys';
import { addCounters, type PairCount, unpackPageHour, unpackPair, type ViewCounters } from './packing';

/**
 * The dimensions kept in tries: the ones whose values a client chooses. `event` holds custom event names (with
 * events and conversions per UTC hour), `prop` a day's events and conversions per `<name>\u0001<key>\u0001<value>`,
 * and `conversion` the registry that makes a view convert once: one counter per (view, name) and per (view,
 * name, key, value), named by a short hash (`conversionEntryValue`), never reported.
 */
export const TRIE_DIMENSIONS = [
  'page',
  'referrer',
  'utm_source',
  'utm_campaign',
  'event',
  'prop',
  'conversion',
] as const;
export type TrieDimension = (typeof TRIE_DIMENSIONS)[number];

/** The sort-key prefix of each trie (two letters, none a prefix of another aggregate kind). */
const CODES: Record<TrieDimension, string> = {
  page: 'pg',
  referrer: 'rf',
  utm_source: 'us',
  utm_campaign: 'uc',
  event: 'ev',
  prop: 'pr',
  conversion: 'cv',
};

/**
 * Dimensions whose values keep counters per UTC hour (a marker naming the value, then hour entries): pages
 * (views, visitors, engagement) and event names (events in the views part, conversions in the visitors part).
 */
const HOURLY: ReadonlySet<TrieDimension> = new Set(['page', 'event']);

/** True when a dimension's values keep hourly entries under a marker (pages, event names). */
export const isHourly = (dimension: TrieDimension): boolean => HOURLY.has(dimension);

/** Separates an event name, a prop key and its value in a `prop` trie value (a control character: never in them). */
export const PROP_SEPARATOR = '\u0001';

/** The `prop` trie value of one prop of an event name. @example propValue('signup', 'plan', 'pro') */
export const propValue = (name: string, key: string, value: string): string =>
  `${name}${PROP_SEPARATOR}${key}${PROP_SEPARATOR}${value}`;

/** The event name, prop key and value of a `prop` trie value; undefined when it is not one. */
export function parsePropValue(value: string): { name: string; key: string; value: string } | undefined {
  const parts = value.split(PROP_SEPARATOR);
  if (parts.length !== 3) return undefined;
  const [name = '', key = '', v = ''] = parts;
  return { name, key, value: v };
}

/** Characters of a registry value that name its view: the part that chooses its trie items. */
const REGISTRY_VIEW_CHARS = 8;

const shortHash = (text: string) =>
  createHash('sha256').update(text).digest().subarray(0, 6).toString('base64url');

/**
 * The `conversion` registry value of a view's (or, without a view, the event's own) conversion for an event name
 * and optionally one prop: 8 base64url characters (48 bits) of the view's SHA-256, then 8 of the tuple's. The
 * registry stores no id and no prop text; the view's part routes every entry of one view to the same item, so a
 * batch writes one registry item per view, however many names and props it sent.
 * @example conversionEntryValue(viewId, 'signup', { key: 'plan', value: 'pro' })
 */
export function conversionEntryValue(
  viewOrEvent: string,
  name: string,
  prop?: { key: string; value: string },
) {
  const tuple = prop
    ? `${viewOrEvent}\u0000${name}\u0000${prop.key}\u0000${prop.value}`
    : `${viewOrEvent}\u0000${name}`;
  return `${shortHash(viewOrEvent)}${shortHash(tuple)}`;
}

/** The text whose hash places a trie value: for the registry its view's part, for every other value itself. */
export const routingText = (dimension: TrieDimension, value: string): string =>
  dimension === 'conversion' ? value.slice(0, REGISTRY_VIEW_CHARS) : value;

const DIMENSION_OF_CODE = new Map(Object.entries(CODES).map(([d, c]) => [c, d as TrieDimension]));

/**
 * Distinct values per site, day and dimension that get exact counts (SPEC §5: at least 10,000 pages and 2,000
 * of every other dimension; the 5 % above that covers values a race placed twice, see docs/data-model.md).
 * Values past the cap are summed into the day's `(other)` row.
 */
export const DISTINCT_CAP: Record<TrieDimension, number> = {
  page: 10_500,
  referrer: 2_100,
  utm_source: 2_100,
  utm_campaign: 2_100,
  event: 2_100,
  prop: 2_100,
  // The registry has one entry per converting (view, name[, prop]): bounded by the events ingest accepted (each
  // paid for and throttled), never by a cap, since a registry entry sent to (other) could not say "seen".
  conversion: Number.POSITIVE_INFINITY,
};

/** The trie dimensions whose distinct values are counted against a cap (all but the conversion registry). */
export const CAPPED_DIMENSIONS = TRIE_DIMENSIONS.filter((d) => d !== 'conversion');

/** The value of the breakdown row that sums every value past the cap. */
export const OTHER_VALUE = '(other)';

/** Deepest trie level (hex digits of the hash): 16^16 items, far beyond what any day can fill. */
export const MAX_TRIE_DEPTH = 16;

/** What one trie item may weigh, keys included: one write unit. */
export const NODE_TARGET_BYTES = 1024;

/** Attribute holding an item's accounted size (an upper bound of its entries' bytes). */
export const SIZE_ATTRIBUTE = 'Sz';
/** Entry of the root item that counts the day's values past the cap (views × 10^10 + visitors). */
export const OTHER_ENTRY = '!';

/** Bytes reserved for the `Sz` attribute (name + a number up to 9999). */
const SIZE_ATTRIBUTE_BYTES = 2 + 4;
/** Largest stored size of a packed pair (20 digits → 11 bytes), and of a page-hour number (36 digits → 19). */
const PAIR_VALUE_BYTES = 12;
const PAGE_HOUR_VALUE_BYTES = 20;
/** A page's marker holds 0 (one digit, two bytes). */
const MARKER_VALUE_BYTES = 2;
/** Bytes kept free in every item for the `!` entry, so counting `(other)` never needs room. */
const OTHER_ENTRY_BYTES = 1 + PAIR_VALUE_BYTES;

/** Hour letters of page-hour entries: `a` is 00 UTC, `x` is 23 UTC. */
const HOUR_LETTERS = 'abcdefghijklmnopqrstuvwx';

/** The trie code of a dimension (`pg`, `rf`, …). */
export const trieCode = (dimension: TrieDimension): string => CODES[dimension];

/** A value's place in its trie: the hex digits that choose its items, and the 8-character id of page entries. */
export interface ValueHash {
  /** SHA-256 in hex; the item at depth d is named by its first d digits. */
  hex: string;
  /** 48 bits of the hash in base64url: names a page's hour entries. */
  id: string;
}

const hashCache = new Map<string, ValueHash>();

/** The hash of a value (cached: a busy page is hashed once per container, not once per view). */
export function valueHash(value: string): ValueHash {
  let h = hashCache.get(value);
  if (!h) {
    const sha = createHash('sha256').update(value).digest();
    h = { hex: sha.toString('hex'), id: sha.subarray(0, 6).toString('base64url') };
    if (hashCache.size > 20_000) hashCache.clear();
    hashCache.set(value, h);
  }
  return h;
}

/** The Section of the trie item at `prefix` (hex digits) for a day. */
export const trieSection = (dimension: TrieDimension, day: string, prefix: string): string =>
  `${CODES[dimension]}#${day}#${prefix}`;

/** The key of the trie item at `prefix` for a site, dimension and UTC day. */
export const trieNodeKey = (site: string, dimension: TrieDimension, day: string, prefix: string): Key =>
  aggregateKey(site, trieSection(dimension, day, prefix));

/** Every trie item of a dimension over a UTC day range (one Query). */
export const trieRange = (
  site: string,
  dimension: TrieDimension,
  fromDay: string,
  toDay: string,
): SectionRange => ({
  partition: sitePartition(site),
  from: trieSection(dimension, fromDay, ''),
  to: `${trieSection(dimension, toDay, '')}~`,
});

/** The entry naming a value: its pair (views, visitors) or, for pages, a marker holding 0. */
export const valueEntry = (value: string): string => `:${value}`;

/** The entry of a page's counters for one UTC hour; `spill` > 0 names the next entry once one is hot. */
export const hourEntry = (id: string, hour: number, spill = 0): string =>
  `${id}${HOUR_LETTERS[hour] ?? 'a'}${spill > 0 ? spill : ''}`;

/** What an entry name is. */
export type EntryKind = 'key' | 'size' | 'other' | 'value' | 'hour' | 'unknown';

const HOUR_ENTRY = /^([A-Za-z0-9_-]{8})([a-x])(\d{0,3})$/;

/** Classifies an attribute name of a trie item. */
export function entryKind(name: string): EntryKind {
  if (name === 'Path' || name === 'Section') return 'key';
  if (name === SIZE_ATTRIBUTE) return 'size';
  if (name === OTHER_ENTRY) return 'other';
  if (name.startsWith(':')) return 'value';
  if (HOUR_ENTRY.test(name)) return 'hour';
  return 'unknown';
}

/** The page id, UTC hour and spill number of an hour entry. */
export function parseHourEntry(name: string): { id: string; hour: number; spill: number } | undefined {
  const m = HOUR_ENTRY.exec(name);
  if (!m) return undefined;
  return { id: m[1] ?? '', hour: HOUR_LETTERS.indexOf(m[2] ?? 'a'), spill: Number(m[3] || '0') };
}

/** Bytes an entry may ever take in its item (name plus the largest value of its kind). */
export function entryBytes(name: string, dimension: TrieDimension): number {
  const kind = entryKind(name);
  const value =
    kind === 'hour'
      ? PAGE_HOUR_VALUE_BYTES
      : kind === 'value' && isHourly(dimension)
        ? MARKER_VALUE_BYTES
        : PAIR_VALUE_BYTES;
  return utf8Bytes(name) + value;
}

/**
 * Bytes the entries of an item may take (its `Sz` never passes this): one write unit minus the key, the
 * `Sz` attribute and the reserve for `!`. A host of 253 characters leaves ~700 bytes; a typical one ~950.
 */
export function nodeBudget(key: Key): number {
  const keyBytes = 4 + utf8Bytes(key.Path.S) + 7 + utf8Bytes(key.Section.S);
  return NODE_TARGET_BYTES - keyBytes - SIZE_ATTRIBUTE_BYTES - OTHER_ENTRY_BYTES;
}

/** Where a trie item sits: its dimension, UTC day and hash prefix. */
export interface TrieNodePlace {
  dimension: TrieDimension;
  day: string;
  prefix: string;
}

const TRIE_SECTION = /^([a-z]{2})#(\d{4}-\d{2}-\d{2})#([0-9a-f]{0,16})$/;

/** Parses a trie item's Section; undefined for any other item. */
export function parseTrieSection(section: string): TrieNodePlace | undefined {
  const m = TRIE_SECTION.exec(section);
  const dimension = m ? DIMENSION_OF_CODE.get(m[1] ?? '') : undefined;
  if (!m || !dimension) return undefined;
  return { dimension, day: m[2] ?? '', prefix: m[3] ?? '' };
}

/** What a trie item holds, decoded for reports. */
export interface TrieNodeContent extends TrieNodePlace {
  /** Values named here: for pages (markers) with zero counts, for other dimensions with their pair. */
  values: Map<string, PairCount>;
  /** Pages' counters by page id and UTC hour (0–23), spill entries summed. */
  pageHours: Map<string, Map<number, ViewCounters>>;
  /** Views and visitors past the cap (root item only). */
  other?: PairCount;
}

function pairOf(
  value: AttributeValue | undefined,
  name: string,
  errors: DecodeError[],
): PairCount | undefined {
  const n = counterOf(value, name);
  if (!n.ok) {
    errors.push(n.error);
    return undefined;
  }
  const p = unpackPair(n.value);
  if (!p) errors.push(new DecodeError(name, 'views × 10^10 + visitors', n.value.toString().slice(0, 40)));
  return p;
}

/**
 * Decodes a trie item for reports. Attributes that do not decode are returned as errors and skipped; an item
 * that is not a trie item decodes to undefined (with an error).
 * @example readTrieNode(item).value?.values.get('/blog/')
 */
export function readTrieNode(item: Item): ReadResult<TrieNodeContent | undefined> {
  const errors: DecodeError[] = [];
  const section = sectionOf(item);
  const place = parseTrieSection(section);
  if (!place) {
    errors.push(
      new DecodeError(
        'Section',
        'S <dimension>#YYYY-MM-DD#<hex>',
        section === '' ? describe(item.Section) : JSON.stringify(section.slice(0, 40)),
      ),
    );
    return { value: undefined, errors };
  }
  const content: TrieNodeContent = { ...place, values: new Map(), pageHours: new Map() };
  for (const [name, value] of Object.entries(item)) {
    switch (entryKind(name)) {
      case 'value': {
        if (isHourly(place.dimension)) {
          const marker = counterOf(value, name);
          if (marker.ok) content.values.set(name.slice(1), { views: 0, visitors: 0 });
          else errors.push(marker.error);
        } else {
          const p = pairOf(value, name, errors);
          if (p) content.values.set(name.slice(1), p);
        }
        break;
      }
      case 'hour': {
        const where = parseHourEntry(name);
        const n = counterOf(value, name);
        if (!n.ok) {
          errors.push(n.error);
          break;
        }
        const counters = unpackPageHour(n.value);
        if (!where || !counters) {
          errors.push(new DecodeError(name, 'packed page-hour counters', n.value.toString().slice(0, 40)));
          break;
        }
        let hours = content.pageHours.get(where.id);
        if (!hours) {
          hours = new Map();
          content.pageHours.set(where.id, hours);
        }
        const cur = hours.get(where.hour);
        if (cur) addCounters(cur, counters);
        else hours.set(where.hour, counters);
        break;
      }
      case 'other': {
        const p = pairOf(value, name, errors);
        if (p) content.other = p;
        break;
      }
      case 'unknown':
        errors.push(new DecodeError(name.slice(0, 40), 'a trie entry', describe(value)));
        break;
      default:
        break;
    }
  }
  return { value: content, errors };
}

/** What a breakdown needs of a trie item: its place, value names (with pairs) and page views/visitors by id. */
export interface TrieNodeRows extends TrieNodePlace {
  /** Value → pair (for pages: markers, with zero counts). */
  values: Map<string, PairCount>;
  /** Pages: page id → views and visitors summed over the item's hour entries. */
  pageViews: Map<string, PairCount>;
  other?: PairCount;
}

const DIGITS = /^\d{1,38}$/;

/** Views and visitors of a stored page-hour number from its low twelve digits (no bigint on the hot path). */
function pageHourPair(literal: string): PairCount {
  const low = Number(literal.length > 12 ? literal.slice(-12) : literal);
  return { views: low % 1_000_000, visitors: Math.floor(low / 1_000_000) };
}

/**
 * Decodes only what a breakdown reads from a trie item, fast: a day of a large site is thousands of items and
 * tens of thousands of entries. Anything not plainly a non-negative integer goes through `readTrieNode`'s
 * checks, so a malformed attribute is still an error here, never a wrong count.
 * @example readTrieRows(item).value?.pageViews
 */
export function readTrieRows(item: Item): ReadResult<TrieNodeRows | undefined> {
  const place = parseTrieSection(sectionOf(item));
  if (!place) return readTrieNode(item) as ReadResult<undefined>;
  const rows: TrieNodeRows = { ...place, values: new Map(), pageViews: new Map() };
  const errors: DecodeError[] = [];
  for (const [name, value] of Object.entries(item)) {
    const first = name.charCodeAt(0);
    if (name === 'Path' || name === 'Section' || name === SIZE_ATTRIBUTE) continue;
    const n = value?.N;
    if (n === undefined || !DIGITS.test(n)) {
      // Rare: let the careful reader say exactly what is wrong.
      const careful = readTrieNode({
        Path: item.Path as AttributeValue,
        Section: item.Section as AttributeValue,
        [name]: value as AttributeValue,
      });
      errors.push(...careful.errors);
      continue;
    }
    if (first === 58 /* ':' */) {
      if (isHourly(place.dimension)) rows.values.set(name.slice(1), { views: 0, visitors: 0 });
      else {
        const p = unpackPair(BigInt(n));
        if (p) rows.values.set(name.slice(1), p);
        else errors.push(new DecodeError(name, 'views × 10^10 + visitors', n.slice(0, 40)));
      }
    } else if (name === OTHER_ENTRY) {
      const p = unpackPair(BigInt(n));
      if (p) rows.other = p;
      else errors.push(new DecodeError(name, 'views × 10^10 + visitors', n.slice(0, 40)));
    } else if (name.length >= 9 && HOUR_ENTRY.test(name)) {
      const id = name.slice(0, 8);
      const p = pageHourPair(n);
      const cur = rows.pageViews.get(id);
      if (cur) {
        cur.views += p.views;
        cur.visitors += p.visitors;
      } else rows.pageViews.set(id, p);
    } else errors.push(new DecodeError(name.slice(0, 40), 'a trie entry', describe(value)));
  }
  return { value: rows, errors };
}
