// Where one trie value's counts of a batch go: the first item on its hash path that has room (pure routing).
import {
  entryBytes,
  hourEntry,
  type Key,
  MAX_TRIE_DEPTH,
  type TrieDimension,
  trieNodeKey,
  type ValueHash,
  valueEntry,
} from '@footfall/core-model';

/** One entry a value adds: a page's hour (the entry name is chosen per item, see `hourName`) or a pair. */
export interface ValueEntryDelta {
  /** UTC hour of a page's counters; undefined for a dimension value's pair. */
  hour?: number;
  delta: bigint;
}

/** One trie value's share of a batch, ready to route. */
export interface ValueGroup {
  site: string;
  day: string;
  dimension: TrieDimension;
  value: string;
  hash: ValueHash;
  /** The entry naming the value (`:<value>`): a page's marker, or a dimension value's pair. */
  marker: string;
  entries: ValueEntryDelta[];
  /** Views and visitors it carries, counted in `(other)` if the value cannot get its own entries. */
  views: bigint;
  visitors: bigint;
  /** The group this one was split from when routed again (its distinct count was taken then). */
  counted?: ValueGroup;
}

/** What routing needs to know of an item: what the writer knows, plus what this batch already put there. */
export interface NodeView {
  exists: boolean;
  names: ReadonlySet<string>;
  hot: ReadonlySet<string>;
  /** Bytes still free under the item's budget. */
  free: number;
  /** True when nothing is in it, or planned for it, yet. */
  empty: boolean;
}

/** One item's share of a routed value. */
export interface RoutedPart {
  key: Key;
  depth: number;
  adds: Map<string, bigint>;
  /** Accounted bytes of the entries new to the item. */
  bytes: number;
  /** True when this part places the value's marker for the first time (a new distinct value). */
  placesMarker: boolean;
  /** The value's entries this part carries (to route again if the item turns out to be full). */
  entries: ValueEntryDelta[];
}

export type RouteResult =
  | { kind: 'placed'; parts: RoutedPart[]; isNew: boolean }
  /** A new value past the day's cap: its views and visitors go to `(other)`. */
  | { kind: 'other' }
  /** These items must be read before the value can be routed. */
  | { kind: 'need'; keys: Key[] }
  /** No item down to MAX_TRIE_DEPTH could take it (it would take 16^16 full items): set aside. */
  | { kind: 'overflow' };

/** What routing asks of its caller. */
export interface RouteContext {
  /** The item's view, or undefined when it must be read first. */
  view(key: Key): NodeView | undefined;
  /** True when a new value of this group's site, day and dimension would pass the cap. */
  capped(group: ValueGroup): boolean;
}

/** The item at `depth` on a value's path. */
export const nodeAt = (g: ValueGroup, depth: number): Key =>
  trieNodeKey(g.site, g.dimension, g.day, g.hash.hex.slice(0, depth));

/** The name an entry takes in an item: a page hour's first entry that is not hot there, or the value's pair. */
export function entryName(g: ValueGroup, e: ValueEntryDelta, view: NodeView): string {
  if (e.hour === undefined) return g.marker;
  let spill = 0;
  while (spill < 999 && view.hot.has(hourEntry(g.hash.id, e.hour, spill))) spill++;
  return hourEntry(g.hash.id, e.hour, spill);
}

/** The adds and new bytes of putting `entries` (and the marker, if new) into one item. */
function fitInto(
  g: ValueGroup,
  key: Key,
  depth: number,
  view: NodeView,
  entries: readonly ValueEntryDelta[],
  withMarker: boolean,
  free: number,
): { part: RoutedPart; rest: ValueEntryDelta[] } {
  const adds = new Map<string, bigint>();
  let bytes = 0;
  let placesMarker = false;
  if (withMarker) {
    adds.set(g.marker, 0n);
    if (!view.names.has(g.marker)) bytes += entryBytes(g.marker, g.dimension);
    placesMarker = true;
  }
  const rest: ValueEntryDelta[] = [];
  const taken: ValueEntryDelta[] = [];
  for (const e of entries) {
    const name = entryName(g, e, view);
    const known = view.names.has(name) || adds.has(name);
    const cost = known ? 0 : entryBytes(name, g.dimension);
    if (bytes + cost > free) {
      rest.push(e);
      continue;
    }
    adds.set(name, (adds.get(name) ?? 0n) + e.delta);
    bytes += cost;
    taken.push(e);
  }
  return { part: { key, depth, adds, bytes, placesMarker, entries: taken }, rest };
}

/**
 * Routes one value: finds the item already naming it (its home) on its hash path, else treats it as new
 * (or as `(other)` past the cap), then puts everything into the first item from there down that has room,
 * splitting over several items only when no single one can take it.
 * @example routeValue(group, { view: (k) => known.get(k), capped: () => false })
 */
export function routeValue(g: ValueGroup, ctx: RouteContext): RouteResult {
  let home = -1;
  for (let depth = 0; depth <= MAX_TRIE_DEPTH; depth++) {
    const key = nodeAt(g, depth);
    const view = ctx.view(key);
    if (!view) return { kind: 'need', keys: [key] };
    // Items below an absent one never exist: a writer only goes deeper past an item that is there and full.
    if (!view.exists) break;
    if (view.names.has(g.marker)) {
      home = depth;
      break;
    }
  }
  const isNew = home < 0;
  if (isNew && ctx.capped(g)) return { kind: 'other' };
  const start = isNew ? 0 : home;

  // Usually one item takes the whole value: one write.
  for (let depth = start; depth <= MAX_TRIE_DEPTH; depth++) {
    const key = nodeAt(g, depth);
    const view = ctx.view(key);
    if (!view) return { kind: 'need', keys: [key] };
    const { part, rest } = fitInto(g, key, depth, view, g.entries, isNew, Number.POSITIVE_INFINITY);
    if (rest.length === 0 && part.bytes <= view.free) return { kind: 'placed', parts: [part], isNew };
    if (view.empty) break;
  }

  // Too much for any one item (a long path with many hours in one batch): fill items down the path.
  const parts: RoutedPart[] = [];
  let remaining: ValueEntryDelta[] = g.entries;
  let markerNeeded = isNew;
  for (let depth = start; depth <= MAX_TRIE_DEPTH; depth++) {
    const key = nodeAt(g, depth);
    const view = ctx.view(key);
    if (!view) return { kind: 'need', keys: [key] };
    if (markerNeeded && !view.names.has(g.marker) && entryBytes(g.marker, g.dimension) > view.free) continue;
    const { part, rest } = fitInto(g, key, depth, view, remaining, markerNeeded, view.free);
    if (part.adds.size > 0) parts.push(part);
    markerNeeded = false;
    remaining = rest;
    if (remaining.length === 0) return { kind: 'placed', parts, isNew };
  }
  return { kind: 'overflow' };
}

/** The group of one value of a batch (see ValueGroup). */
export function valueGroup(
  site: string,
  day: string,
  dimension: TrieDimension,
  value: string,
  hash: ValueHash,
  entries: ValueEntryDelta[],
  views: bigint,
  visitors: bigint,
): ValueGroup {
  return { site, day, dimension, value, hash, marker: valueEntry(value), entries, views, visitors };
}
