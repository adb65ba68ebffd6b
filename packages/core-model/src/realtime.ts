// Realtime items: views, visitors, pages and referrers of one clock minute, kept an hour for "the last 5 minutes".
//
// One item per site and UTC minute, written by the trigger in the same round as the batch's other writes (so it is
// as fresh as the stream), only for views that are recent when they are counted: a replayed backlog or a retried
// batch of old views does not touch them. Like a trie item, an item never passes one write unit: pages and
// referrers that do not fit count in its `(other)` entries, and the minute's totals stay exact.
import type { AttributeValue, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { aggregateKey, type ReadResult, sectionOf } from './aggregateKeys';
import { trieNodeUpdate } from './aggregateUpdates';
import { counterOf, describe, type Item } from './attributes';
import { DecodeError } from './errors';
import { utf8Bytes } from './itemSize';
import { decodeKey, type Key } from './keys';
import { type PairCount, unpackPair } from './packing';

/** The window `GET /api/stats/realtime` reports (SPEC §3). */
export const REALTIME_WINDOW_SECONDS = 300;
/** Views older than this when the trigger counts them are not realtime any more (a backlog, a retry). */
export const REALTIME_HORIZON_MS = 10 * 60_000;
/** How long a minute item is kept (DynamoDB's TTL deletes it within a day or two after this). */
export const REALTIME_KEEP_SECONDS = 3600;

/** What one realtime item may weigh, keys included: one write unit. */
const REALTIME_TARGET_BYTES = 1024;

/** Entries of a realtime item. */
export const REALTIME_VIEWS = 'v';
export const REALTIME_VISITORS = 'u';
export const REALTIME_OTHER_PAGES = 'po';
export const REALTIME_OTHER_REFERRERS = 'ro';

/** The dimensions a realtime item names values of. */
export type RealtimeDimension = 'page' | 'referrer';

/** The entry of one page or referrer: `p:<path>`, `r:<host>`, holding views × 10^10 + visitors. */
export const realtimeEntry = (dimension: RealtimeDimension, value: string): string =>
  `${dimension === 'page' ? 'p' : 'r'}:${value}`;

/** The (other) entry of a dimension. */
export const realtimeOther = (dimension: RealtimeDimension): string =>
  dimension === 'page' ? REALTIME_OTHER_PAGES : REALTIME_OTHER_REFERRERS;

/** `rt#<YYYY-MM-DDTHH:MM>` (UTC). */
export const realtimeMinute = (ms: number): string => new Date(ms).toISOString().slice(0, 16);

/** The key of a site's realtime item of one minute. */
export const realtimeKey = (site: string, minute: string): Key => aggregateKey(site, `rt#${minute}`);

/** Whether a key is a realtime minute item's (any site, any minute). @example isRealtimeKey(input.Key) */
export const isRealtimeKey = (key: unknown): boolean => {
  const k = decodeKey(key);
  return k.ok && k.value.section.startsWith('rt#');
};

/** The minutes `GET /api/stats/realtime` sums at `now`: the current one and the four before it. */
export function realtimeMinutes(now: number): string[] {
  const start = Math.floor(now / 60_000) * 60_000;
  return Array.from({ length: REALTIME_WINDOW_SECONDS / 60 }, (_, i) => realtimeMinute(start - i * 60_000));
}

/** Bytes a value's entry may ever take (name + a pair of up to 20 digits). */
export const realtimeEntryBytes = (name: string): number => utf8Bytes(name) + 12;

/**
 * Bytes the value entries of an item may take: one write unit minus the key, `Sz`, the TTL and room kept for
 * the totals and (other) entries, which are always written.
 */
export function realtimeBudget(key: Key): number {
  const keyBytes = 4 + utf8Bytes(key.Path.S) + 7 + utf8Bytes(key.Section.S);
  const fixed = 6 /* Sz */ + 9 + 8 /* ExpiresAt */ + 2 * (1 + 8) /* v, u */ + 2 * (2 + 12) /* po, ro */;
  return REALTIME_TARGET_BYTES - keyBytes - fixed;
}

/**
 * The update of one minute item: ADD every amount (and `bytes` to `Sz` under the budget condition when it names
 * new values), SET its expiry if unset. An undo negates the amounts only (the expiry and size stay true).
 */
export function realtimeUpdate(
  tableName: string,
  key: Key,
  adds: ReadonlyMap<string, bigint>,
  bytes: number,
  expiresAt: number,
): UpdateItemCommandInput {
  const input = trieNodeUpdate(tableName, key, adds, bytes, realtimeBudget(key));
  input.UpdateExpression = `${input.UpdateExpression} SET #e = if_not_exists(#e, :e)`;
  input.ExpressionAttributeNames = { ...input.ExpressionAttributeNames, '#e': 'ExpiresAt' };
  input.ExpressionAttributeValues = { ...input.ExpressionAttributeValues, ':e': { N: String(expiresAt) } };
  return input;
}

/** What a minute item holds, decoded. */
export interface RealtimeCounts {
  views: number;
  visitors: number;
  pages: Map<string, PairCount>;
  referrers: Map<string, PairCount>;
  otherPages: PairCount;
  otherReferrers: PairCount;
}

export const emptyRealtime = (): RealtimeCounts => ({
  views: 0,
  visitors: 0,
  pages: new Map(),
  referrers: new Map(),
  otherPages: { views: 0, visitors: 0 },
  otherReferrers: { views: 0, visitors: 0 },
});

function addPair(into: Map<string, PairCount>, value: string, p: PairCount): void {
  const cur = into.get(value);
  if (cur) {
    cur.views += p.views;
    cur.visitors += p.visitors;
  } else into.set(value, { ...p });
}

/**
 * Adds one minute item into `into`; returns what could not be decoded (skipped, to be logged).
 * @example const sum = emptyRealtime(); addRealtimeItem(item, sum);
 */
export function addRealtimeItem(item: Item, into: RealtimeCounts): ReadResult<RealtimeCounts> {
  const errors: DecodeError[] = [];
  if (!/^rt#\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(sectionOf(item))) {
    errors.push(new DecodeError('Section', 'S rt#YYYY-MM-DDTHH:MM', describe(item.Section)));
    return { value: into, errors };
  }
  const number = (name: string): number => {
    const n = counterOf(item[name], name);
    if (!n.ok) {
      errors.push(n.error);
      return 0;
    }
    return Number(n.value);
  };
  const pair = (name: string, value: AttributeValue | undefined): PairCount | undefined => {
    const n = counterOf(value, name);
    const p = n.ok ? unpackPair(n.value) : undefined;
    if (!p)
      errors.push(n.ok ? new DecodeError(name, 'views × 10^10 + visitors', n.value.toString()) : n.error);
    return p;
  };
  into.views += number(REALTIME_VIEWS);
  into.visitors += number(REALTIME_VISITORS);
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith('p:') || name.startsWith('r:')) {
      const p = pair(name, value);
      if (p) addPair(name.startsWith('p:') ? into.pages : into.referrers, name.slice(2), p);
    } else if (name === REALTIME_OTHER_PAGES || name === REALTIME_OTHER_REFERRERS) {
      const p = pair(name, value);
      const target = name === REALTIME_OTHER_PAGES ? into.otherPages : into.otherReferrers;
      if (p) {
        target.views += p.views;
        target.visitors += p.visitors;
      }
    }
  }
  return { value: into, errors };
}
