// The CSV export (daily views per page, each day's (other) row included), shared by GET /api/stats/export
// and the `footfall export` command.
import { type DayRange, type DecodeError, daysOf, OTHER_VALUE, trieRange } from '@footfall/core-model';
import type { Table } from '../table';
import { type DayCounts, trieDayCounts } from './breakdown';
import { queryItems } from './queryItems';

/** One line of the export. */
export interface ExportRow {
  date: string;
  path: string;
  views: number;
  visitors: number;
}

/** The CSV header line's columns. */
export const EXPORT_COLUMNS = ['date', 'path', 'views', 'visitors'] as const;

/**
 * Daily per-page rows, ordered by date, then views descending, then path; a day's `(other)` row (pages past
 * the day's cap) is a row like the others, so a day's views add up to its timeseries total.
 */
export function exportRows(counts: ReadonlyMap<string, DayCounts>, days: readonly string[]): ExportRow[] {
  const rows: ExportRow[] = [];
  for (const day of days) {
    const d = counts.get(day);
    if (!d) continue;
    const dayRows = [...d.values]
      .filter(([, c]) => c.views > 0 || c.visitors > 0)
      .map(([path, c]) => ({ date: day, path, views: c.views, visitors: c.visitors }));
    if (d.other.views > 0 || d.other.visitors > 0)
      dayRows.push({ date: day, path: OTHER_VALUE, views: d.other.views, visitors: d.other.visitors });
    dayRows.sort((a, b) => b.views - a.views || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    rows.push(...dayRows);
  }
  return rows;
}

/**
 * A CSV field: quoted when it holds a comma, quote or line break (RFC 4180), and prefixed with `'` when it
 * would start with `=`, `+`, `-` or `@`, which a spreadsheet would run as a formula.
 */
export function csvField(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
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
 * Reads a site's page tries for a range and renders the CSV export.
 * @example const { csv } = await exportSiteCsv(table, 'example.com', range);
 */
export async function exportSiteCsv(table: Table, site: string, range: DayRange): Promise<SiteExport> {
  const { items, readUnits } = await queryItems(table, trieRange(site, 'page', range.fromKey, range.toKey));
  const { counts, errors } = trieDayCounts(items, 'page');
  const rows = exportRows(counts, daysOf(range));
  return { csv: toCsv(rows), rows: rows.length, readUnits, errors };
}
