// Reads one sort-key range of a site's aggregate items with Query (never Scan), following every page.
import { type Item, rangeQuery, type SectionRange } from '@footfall/core-model';
import { queryPages } from '../queryPartition';
import type { Table } from '../table';

/** The items of a range and the read units the Query pages consumed. */
export interface QueriedItems {
  items: Item[];
  readUnits: number;
}

/** Upper bound on pages, so a runaway range cannot loop forever (a flooded day is a few dozen 1 MB pages). */
const MAX_PAGES = 1000;

/**
 * Queries every item of `range`: eventually consistent (reports may lag the stream by a moment anyway) unless
 * `consistent` is asked for.
 * @example const { items } = await queryItems(table, seriesRange(site, '2026-01-01', '2026-01-31'));
 */
export function queryItems(
  table: Table,
  range: SectionRange,
  options: { consistent?: boolean } = {},
): Promise<QueriedItems> {
  return queryPages(table, rangeQuery(range), { ...options, maxPages: MAX_PAGES });
}
