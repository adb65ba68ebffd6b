// Plans the write of one realtime minute item: the minute's totals always, each page and referrer where it
// fits (one write unit at most), the rest in the item's (other) entries.
import {
  type Key,
  type MinuteDelta,
  packPair,
  REALTIME_VIEWS,
  REALTIME_VISITORS,
  type RealtimeDimension,
  realtimeBudget,
  realtimeEntry,
  realtimeEntryBytes,
  realtimeOther,
} from '@footfall/core-model';
import type { NodeState } from './TrieKnowledge';

/** The amounts and new bytes of one minute item's write. */
export interface RealtimePlan {
  key: Key;
  adds: Map<string, bigint>;
  bytes: number;
}

/**
 * Decides where each of a minute's values goes given what is known of its item (nothing known: treated as
 * empty, and the size condition corrects it). `allOther` sends every value to (other) (the last resort after
 * the item refused a write).
 * @example planRealtime(minute, key, knowledge.node(key, now), false)
 */
export function planRealtime(
  m: MinuteDelta,
  key: Key,
  known: NodeState | undefined,
  allOther: boolean,
): RealtimePlan {
  const adds = new Map<string, bigint>([
    [REALTIME_VIEWS, m.views],
    [REALTIME_VISITORS, m.visitors],
  ]);
  let free = realtimeBudget(key) - (known?.size ?? 0);
  let bytes = 0;
  const add = (name: string, delta: bigint) => adds.set(name, (adds.get(name) ?? 0n) + delta);
  for (const [dimension, values] of [
    ['page', m.pages],
    ['referrer', m.referrers],
  ] as [RealtimeDimension, MinuteDelta['pages']][]) {
    // Busiest first, so the values that fit are the ones worth naming.
    const ordered = [...values].sort((a, b) =>
      b[1].views > a[1].views ? 1 : b[1].views < a[1].views ? -1 : 0,
    );
    for (const [value, c] of ordered) {
      const pair = packPair(c.views, c.visitors);
      const name = realtimeEntry(dimension, value);
      const cost = known?.names.has(name) ? 0 : realtimeEntryBytes(name);
      if (!allOther && cost <= free) {
        add(name, pair);
        free -= cost;
        bytes += cost;
      } else add(realtimeOther(dimension), pair);
    }
  }
  return { key, adds, bytes };
}
