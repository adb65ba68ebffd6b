// What one writer (a Lambda container) knows of the trie items and distinct counts it writes: learned from its
// own reads and from the old item every trie write returns, so a warm writer rarely reads at all.
//
// Knowledge is only ever a hint. Entries are never removed from an item (an undo leaves them at zero), so
// "this entry exists" stays true; what can go stale is "this item has room" or "this value is new", and the
// size condition on every write and the old item it returns correct both (docs/data-model.md).
import {
  entryKind,
  HOT_ENTRY_VIEWS,
  type Item,
  type Key,
  keyId,
  readDistinctCounts,
  SIZE_ATTRIBUTE,
  type TrieDimension,
  unpackPageHour,
} from '@footfall/core-model';

/** What a writer knows of one trie item. */
export interface NodeState {
  exists: boolean;
  /** The item's accounted size (`Sz`). */
  size: number;
  /** Every entry name it holds. */
  names: Set<string>;
  /** Hour entries whose views passed HOT_ENTRY_VIEWS: new counts go to the next spill entry. */
  hot: Set<string>;
  /** When this was learned (epoch ms). */
  seenAt: number;
}

function sizeOf(item: Item): number {
  const n = item[SIZE_ATTRIBUTE]?.N;
  const v = n === undefined ? 0 : Number(n);
  return Number.isFinite(v) && v > 0 ? v : 0;
}

function isHot(value: Item[string] | undefined): boolean {
  const n = value?.N;
  if (n === undefined || !/^\d{1,38}$/.test(n)) return false;
  const c = unpackPageHour(BigInt(n));
  return c !== undefined && c.views >= HOT_ENTRY_VIEWS;
}

/** A node's state as an item (or its absence) shows it. */
export function stateOfItem(item: Item | undefined, now: number): NodeState {
  const state: NodeState = {
    exists: item !== undefined,
    size: 0,
    names: new Set(),
    hot: new Set(),
    seenAt: now,
  };
  if (!item) return state;
  state.size = sizeOf(item);
  for (const [name, value] of Object.entries(item)) {
    const kind = entryKind(name);
    if (kind === 'key' || kind === 'size') continue;
    state.names.add(name);
    if (kind === 'hour' && isHot(value)) state.hot.add(name);
  }
  return state;
}

/** Settings of the knowledge cache. */
export interface KnowledgeOptions {
  /** After this long a node is read again before a decision needs it (default 15 minutes). */
  ttlMs?: number;
  /** Entry names kept in all (default 400,000, ~40 MB); past it everything is forgotten and re-read. */
  maxNames?: number;
}

/**
 * A writer's knowledge of trie items and of each day's distinct counts. One per container; the stream handler
 * keeps it across invocations.
 * @example const knowledge = new TrieKnowledge(); await applyViewDelta(delta, { knowledge, ... })
 */
export class TrieKnowledge {
  private readonly nodes = new Map<string, NodeState>();
  private readonly counts = new Map<string, { counts: Map<TrieDimension, number>; seenAt: number }>();
  private names = 0;
  private readonly ttlMs: number;
  private readonly maxNames: number;

  constructor(options: KnowledgeOptions = {}) {
    this.ttlMs = options.ttlMs ?? 15 * 60_000;
    this.maxNames = options.maxNames ?? 400_000;
  }

  /** The known state of a node, or undefined when it is unknown or too old to decide on. */
  node(key: Key, now: number): NodeState | undefined {
    const s = this.nodes.get(keyId(key));
    return s && now - s.seenAt <= this.ttlMs ? s : undefined;
  }

  private put(key: Key, state: NodeState): void {
    const id = keyId(key);
    this.names += state.names.size - (this.nodes.get(id)?.names.size ?? 0);
    this.nodes.set(id, state);
    if (this.names > this.maxNames) this.forget();
  }

  /** Learns a node from a read (undefined: the item does not exist). */
  learnItem(key: Key, item: Item | undefined, now: number): void {
    this.put(key, stateOfItem(item, now));
  }

  /**
   * Learns a node after a successful write: its old item (as ALL_OLD returned it) plus the entries written,
   * `bytes` more accounted size, and the hour entries this write made hot.
   */
  learnWrite(
    key: Key,
    old: Item | undefined,
    written: ReadonlyMap<string, bigint>,
    bytes: number,
    now: number,
  ): void {
    const state = stateOfItem(old, now);
    state.exists = true;
    state.size += bytes;
    for (const [name, delta] of written) {
      if (name === SIZE_ATTRIBUTE) continue;
      state.names.add(name);
      if (entryKind(name) === 'hour') {
        const before = old?.[name]?.N;
        const after = (before !== undefined && /^-?\d{1,38}$/.test(before) ? BigInt(before) : 0n) + delta;
        if (isHot({ N: after.toString() })) state.hot.add(name);
      }
    }
    this.put(key, state);
  }

  /** The distinct counts of a site's day, or undefined when unknown or too old. */
  distinctCounts(site: string, day: string, now: number): Map<TrieDimension, number> | undefined {
    const c = this.counts.get(`${site}\u0000${day}`);
    return c && now - c.seenAt <= this.ttlMs ? c.counts : undefined;
  }

  /** Learns a day's distinct counts from its series item (undefined: no item yet, all zero). */
  learnCounts(site: string, day: string, series: Item | undefined, now: number): void {
    const counts = series ? readDistinctCounts(series).value : new Map<TrieDimension, number>();
    this.counts.set(`${site}\u0000${day}`, { counts, seenAt: now });
  }

  /** Forgets everything (memory bound, or a test starting cold). */
  forget(): void {
    this.nodes.clear();
    this.counts.clear();
    this.names = 0;
  }

  /** Nodes known (for tests and metrics). */
  get size(): number {
    return this.nodes.size;
  }
}
