// Pure breakdown report: rows of one dimension from aggregate items, optionally narrowed to a path prefix.
import {
  addBreakdownRows,
  type BreakdownResponse,
  type BreakdownRow,
  type DecodeError,
  type Dimension,
  type Item,
  type PairCount,
} from '@footfall/core-model';

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
 * Builds a breakdown of `dimension` from `pages#` (page) or `dims#` (other dimensions) items.
 * @example buildBreakdown(items, 'referrer', { limit: 100 }).response.rows
 */
export function buildBreakdown(
  items: readonly Item[],
  dimension: Dimension,
  options: BreakdownOptions,
): { response: BreakdownResponse; errors: DecodeError[] } {
  const counts = new Map<string, PairCount>();
  const errors: DecodeError[] = [];
  for (const item of items) errors.push(...addBreakdownRows(item, dimension, counts));
  const rows: BreakdownRow[] = [];
  for (const [value, c] of counts) {
    if (options.pathPrefix !== undefined && !value.startsWith(options.pathPrefix)) continue;
    if (c.views === 0 && c.visitors === 0) continue;
    rows.push({ value, views: c.views, visitors: c.visitors });
  }
  rows.sort(compareRows);
  return { response: { dimension, rows: rows.slice(0, options.limit) }, errors };
}
