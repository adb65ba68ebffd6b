// The CSV export (daily views per page), shared by GET /api/stats/export and the `footfall export` command.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  addBreakdownRows,
  addDays,
  type DecodeError,
  daysBetween,
  formatDay,
  type Item,
  type PairCount,
  pagesRange,
  SORT_KEY,
} from '@footfall/core-model';
import { queryItems } from './queryItems';
import type { DayRange } from './range';

/** One line of the export. */
export interface ExportRow {
  date: string;
  path: string;
  views: number;
  visitors: number;
}

/** The CSV header line's columns. */
export const EXPORT_COLUMNS = ['date', 'path', 'views', 'visitors'] as const;

/** Every day of a range as `YYYY-MM-DD`. */
export function daysOf(range: DayRange): string[] {
  const n = daysBetween(range.from, range.to);
  return Array.from({ length: n }, (_, i) => formatDay(addDays(range.from, i)));
}

function sectionOf(item: Item): string {
  const s = item[SORT_KEY];
  return s && 'S' in s && typeof s.S === 'string' ? s.S : '';
}

/**
 * Daily per-page rows from `pages#` items; each item's day is found by which day's core-model range holds
 * its sort key, so this file never parses a key. Ordered by date, then views descending, then path.
 */
export function exportRows(
  items: readonly Item[],
  site: string,
  days: readonly string[],
): { rows: ExportRow[]; errors: DecodeError[] } {
  const perDay = new Map<string, Map<string, PairCount>>();
  const errors: DecodeError[] = [];
  const bounds = days.map((day) => ({ day, range: pagesRange(site, day, day) }));
  for (const item of items) {
    const section = sectionOf(item);
    const hit = bounds.find((b) => section >= b.range.from && section <= b.range.to);
    if (!hit) continue;
    let counts = perDay.get(hit.day);
    if (!counts) {
      counts = new Map();
      perDay.set(hit.day, counts);
    }
    errors.push(...addBreakdownRows(item, 'page', counts));
  }
  const rows: ExportRow[] = [];
  for (const day of days) {
    const counts = perDay.get(day);
    if (!counts) continue;
    const dayRows = [...counts]
      .filter(([, c]) => c.views > 0 || c.visitors > 0)
      .map(([path, c]) => ({ date: day, path, views: c.views, visitors: c.visitors }));
    dayRows.sort((a, b) => b.views - a.views || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    rows.push(...dayRows);
  }
  return { rows, errors };
}

/** Quotes a CSV field when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Renders rows as CSV text with a header line, one `\n`-terminated line per row. */
export function toCsv(rows: readonly ExportRow[]): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const r of rows) lines.push([r.date, r.path, r.views, r.visitors].map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

/** The export of one site over a range, as CSV, with the read units it cost. */
export interface SiteExport {
  csv: string;
  rows: number;
  readUnits: number;
  errors: DecodeError[];
}

/**
 * Reads a site's `pages#` items for a range and renders the CSV export.
 * @example const { csv } = await exportSiteCsv(dynamodb, 'footfall', 'example.com', range);
 */
export async function exportSiteCsv(
  dynamodb: DynamoDBClient,
  tableName: string,
  site: string,
  range: DayRange,
): Promise<SiteExport> {
  const { items, readUnits } = await queryItems(
    dynamodb,
    tableName,
    pagesRange(site, range.fromKey, range.toKey),
  );
  const { rows, errors } = exportRows(items, site, daysOf(range));
  return { csv: toCsv(rows), rows: rows.length, readUnits, errors };
}
