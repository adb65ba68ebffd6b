// Breakdowns: views and visitors per value of a dimension over UTC days, from the tries or the dims#t items.
import {
  addTechRows,
  type BreakdownResponse,
  type BreakdownRow,
  type DecodeError,
  type Dimension,
  type EventBreakdownResponse,
  type EventBreakdownRow,
  type EventDimension,
  type Item,
  isHourly,
  OTHER_VALUE,
  type PairCount,
  PROP_SEPARATOR,
  propValue,
  readTrieRows,
  sectionOf,
  TECH_DIMENSIONS,
  type TechDimension,
  type TrieDimension,
  techRange,
  trieRange,
  valueHash,
} from '@footfall/core-model';
import type { Table } from '../table';
import { queryItems } from './queryItems';

/** Per-day counts of one dimension: value → views and visitors, plus the day's `(other)`. */
export interface DayCounts {
  values: Map<string, PairCount>;
  other: PairCount;
}

const isTech = (d: string): d is TechDimension => (TECH_DIMENSIONS as readonly string[]).includes(d);

function add(into: Map<string, PairCount>, value: string, p: PairCount): void {
  const cur = into.get(value);
  if (cur) {
    cur.views += p.views;
    cur.visitors += p.visitors;
  } else into.set(value, { ...p });
}

function dayOf(counts: Map<string, DayCounts>, day: string): DayCounts {
  let d = counts.get(day);
  if (!d) {
    d = { values: new Map(), other: { views: 0, visitors: 0 } };
    counts.set(day, d);
  }
  return d;
}

/**
 * Decodes trie items into per-day counts. Pages and event names are named by markers and counted by their hour
 * entries (which may sit in any item below the marker), so a day's items are read as a whole. For event names
 * and props, `views` are events and `visitors` conversions.
 */
export function trieDayCounts(
  items: readonly Item[],
  dimension: TrieDimension,
): { counts: Map<string, DayCounts>; errors: DecodeError[] } {
  const counts = new Map<string, DayCounts>();
  const errors: DecodeError[] = [];
  const pageNames = new Map<string, Map<string, string>>();
  const pageHours = new Map<string, Map<string, PairCount>>();
  for (const item of items) {
    const r = readTrieRows(item);
    errors.push(...r.errors);
    const node = r.value;
    if (!node || node.dimension !== dimension) continue;
    const d = dayOf(counts, node.day);
    if (node.other) {
      d.other.views += node.other.views;
      d.other.visitors += node.other.visitors;
    }
    if (!isHourly(dimension)) {
      for (const [value, p] of node.values) add(d.values, value, p);
      continue;
    }
    let names = pageNames.get(node.day);
    if (!names) {
      names = new Map();
      pageNames.set(node.day, names);
    }
    let sums = pageHours.get(node.day);
    if (!sums) {
      sums = new Map();
      pageHours.set(node.day, sums);
    }
    for (const path of node.values.keys()) names.set(valueId(path), path);
    for (const [id, p] of node.pageViews) add(sums, id, p);
  }
  for (const [day, sums] of pageHours) {
    const names = pageNames.get(day) ?? new Map<string, string>();
    const d = dayOf(counts, day);
    for (const [id, p] of sums) {
      const path = names.get(id);
      // Hour entries without a marker cannot be named: count them where the totals stay right.
      if (path === undefined) {
        d.other.views += p.views;
        d.other.visitors += p.visitors;
      } else add(d.values, path, p);
    }
  }
  return { counts, errors };
}

const valueId = (path: string) => valueHash(path).id;

/**
 * Reads per-day counts of a dimension over UTC days: one Query of its trie items (or of the dims#t items).
 * @example const { counts } = await readDayCounts(table, 'example.com', 'referrer', '2026-03-01', '2026-03-31');
 */
export async function readDayCounts(
  table: Table,
  site: string,
  dimension: Dimension | 'event' | 'prop',
  fromDay: string,
  toDay: string,
): Promise<{ counts: Map<string, DayCounts>; readUnits: number; errors: DecodeError[] }> {
  if (isTech(dimension)) {
    const { items, readUnits } = await queryItems(table, techRange(site, fromDay, toDay));
    const counts = new Map<string, DayCounts>();
    const errors: DecodeError[] = [];
    for (const item of items) {
      const day = /(\d{4}-\d{2}-\d{2})$/.exec(sectionOf(item))?.[1] ?? '';
      errors.push(...addTechRows(item, dimension, dayOf(counts, day).values));
    }
    return { counts, readUnits, errors };
  }
  const { items, readUnits } = await queryItems(table, trieRange(site, dimension, fromDay, toDay));
  return { ...trieDayCounts(items, dimension), readUnits };
}

/** What to keep of a breakdown. */
export interface BreakdownOptions {
  /** For `page`: keep only paths starting with this prefix (a section such as `/blog/`). */
  pathPrefix?: string | undefined;
  limit: number;
}

/** Rows ordered by views (descending), then value (ascending), so equal counts list stably. */
export function compareRows(a: BreakdownRow, b: BreakdownRow): number {
  if (a.views !== b.views) return b.views - a.views;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

/**
 * Sums per-day counts into breakdown rows, with one `(other)` row for values past each day's cap (left out when
 * filtering by path prefix: it cannot be told which of them match).
 * @example buildBreakdown(counts, 'referrer', { limit: 100 }).rows
 */
export function buildBreakdown(
  counts: ReadonlyMap<string, DayCounts>,
  dimension: Dimension,
  options: BreakdownOptions,
): BreakdownResponse {
  const totals = new Map<string, PairCount>();
  const other: PairCount = { views: 0, visitors: 0 };
  for (const d of counts.values()) {
    for (const [value, p] of d.values) add(totals, value, p);
    other.views += d.other.views;
    other.visitors += d.other.visitors;
  }
  const rows: BreakdownRow[] = [];
  for (const [value, c] of totals) {
    if (options.pathPrefix !== undefined && !value.startsWith(options.pathPrefix)) continue;
    if (c.views === 0 && c.visitors === 0) continue;
    rows.push({ value, views: c.views, visitors: c.visitors });
  }
  if (options.pathPrefix === undefined && (other.views > 0 || other.visitors > 0))
    rows.push({ value: OTHER_VALUE, views: other.views, visitors: other.visitors });
  rows.sort(compareRows);
  return { dimension, rows: rows.slice(0, options.limit) };
}

/** What to keep of an event breakdown. */
export interface EventBreakdownOptions {
  /** `prop`: the event name and prop key whose values to list. */
  event?: string | undefined;
  prop?: string | undefined;
  limit: number;
}

/**
 * Sums per-day counts of the `event` or `prop` trie into rows of events and conversions. Event names past the
 * day's cap are one `(other)` row; a prop breakdown lists the values of one event name's key (or, without a key,
 * of all its keys, each row naming its `prop`) and leaves `(other)` out (it cannot be told which name and key its
 * values had).
 * @example buildEventBreakdown(counts, 'prop', { event: 'signup', prop: 'plan', limit: 100 }).rows
 */
export function buildEventBreakdown(
  counts: ReadonlyMap<string, DayCounts>,
  dimension: EventDimension,
  options: EventBreakdownOptions,
): EventBreakdownResponse {
  const byProp = dimension === 'prop';
  const allKeys = byProp && options.prop === undefined;
  // Prop values are `<name>\u0001<key>\u0001<value>`: one name (and key) is a prefix of them.
  const prefix = !byProp
    ? ''
    : allKeys
      ? `${options.event ?? ''}${PROP_SEPARATOR}`
      : propValue(options.event ?? '', options.prop ?? '', '');
  const views = buildBreakdown(counts, 'page', {
    limit: Number.MAX_SAFE_INTEGER,
    ...(byProp ? { pathPrefix: prefix } : {}),
  });
  const rows: EventBreakdownRow[] = views.rows.map((r) => {
    const rest = r.value.slice(prefix.length);
    if (!allKeys) return { value: rest, events: r.views, conversions: r.visitors };
    const cut = rest.indexOf(PROP_SEPARATOR);
    return { value: rest.slice(cut + 1), prop: rest.slice(0, cut), events: r.views, conversions: r.visitors };
  });
  return {
    dimension,
    ...(byProp ? { event: options.event ?? '' } : {}),
    ...(byProp && !allKeys ? { prop: options.prop ?? '' } : {}),
    rows: rows.slice(0, options.limit),
  };
}
