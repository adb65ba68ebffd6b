// Realtime: views, visitors, top pages and referrers of the last five clock minutes, from the minute items.
import {
  addRealtimeItem,
  type DecodeError,
  emptyRealtime,
  keyId,
  OTHER_VALUE,
  type PairCount,
  REALTIME_WINDOW_SECONDS,
  type RealtimeResponse,
  realtimeKey,
  realtimeMinutes,
} from '@footfall/core-model';
import type { Table } from '../table';
import { getItems } from './getItems';

/** Rows shown per list. */
const TOP = 10;

function top(values: ReadonlyMap<string, PairCount>, other: PairCount): { value: string; views: number }[] {
  const rows = [...values].map(([value, c]) => ({ value, views: c.views }));
  if (other.views > 0) rows.push({ value: OTHER_VALUE, views: other.views });
  rows.sort((a, b) => b.views - a.views || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return rows.slice(0, TOP);
}

/**
 * Reads the realtime answer of a site at `now`: the current clock minute and the four before it (five small
 * items, one BatchGetItem: ~2.5 read units).
 * @example const { response } = await readRealtime(table, 'example.com', Date.now());
 */
export async function readRealtime(
  table: Table,
  site: string,
  now: number,
): Promise<{ response: RealtimeResponse; readUnits: number; errors: DecodeError[] }> {
  const keys = realtimeMinutes(now).map((m) => realtimeKey(site, m));
  const { items, readUnits } = await getItems(table, keys);
  const sum = emptyRealtime();
  const errors: DecodeError[] = [];
  for (const key of keys) {
    const item = items.get(keyId(key));
    if (item) errors.push(...addRealtimeItem(item, sum).errors);
  }
  return {
    response: {
      site,
      windowSeconds: REALTIME_WINDOW_SECONDS,
      views: sum.views,
      visitors: sum.visitors,
      pages: top(sum.pages, sum.otherPages),
      referrers: top(sum.referrers, sum.otherReferrers),
    },
    readUnits,
    errors,
  };
}
