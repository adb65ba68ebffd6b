// Where the legacy reporting routes read their numbers: two narrow reads of Footfall's aggregates, the only code
// to re-point when the aggregate layout changes (the shaping in reports/legacy.ts never sees an item).
import { daysOf, HOUR_MS, parseDayRange } from '@footfall/core-model';
import { buildBreakdown, readDayCounts, readHours } from '@footfall/store';
import { countUnits, type RequestContext } from '../context';
import { logDecodeErrors } from '../routes/reporting';
import type { LegacyDimension, LegacyHour, LegacyRow, LegacySource } from './legacy';

/** Every row of a breakdown: the legacy answers list all values, so nothing is cut. */
const ALL_ROWS = Number.MAX_SAFE_INTEGER;

/**
 * Counters per UTC hour (epoch ms of its start) of `site`, or of one page when `path` is given, over the UTC days
 * `fromDay`..`toDay` (`YYYY-MM-DD`, inclusive).
 * @example await readLegacyHours(ctx, 'example.com', '2026-03-01', '2026-03-31')
 */
export async function readLegacyHours(
  ctx: RequestContext,
  site: string,
  fromDay: string,
  toDay: string,
  path?: string,
): Promise<Map<number, LegacyHour>> {
  const range = parseDayRange(fromDay, toDay);
  const days = range.ok ? daysOf(range.value) : [];
  const counters = await readHours(ctx.table, site, days, path);
  countUnits(ctx, counters);
  logDecodeErrors(ctx, counters.errors);
  const start = Date.parse(`${fromDay}T00:00:00Z`);
  const end = Date.parse(`${toDay}T00:00:00Z`) + 24 * HOUR_MS;
  const hours = new Map<number, LegacyHour>();
  for (const [hour, c] of counters.hours)
    if (hour >= start && hour < end)
      hours.set(hour, {
        views: c.views,
        visitors: c.visitors,
        engaged: c.engaged,
        durationSum: c.durationSum,
        scrollSum: c.scrollSum,
      });
  return hours;
}

/**
 * Rows `{value, views, visitors}` of `dimension` for `site`, summed over the UTC days `fromDay`..`toDay`.
 * @example await readLegacyRows(ctx, 'example.com', 'browser', '2026-03-09', '2026-03-09')
 */
export async function readLegacyRows(
  ctx: RequestContext,
  site: string,
  dimension: LegacyDimension,
  fromDay: string,
  toDay: string,
): Promise<LegacyRow[]> {
  const { counts, readUnits, errors } = await readDayCounts(ctx.table, site, dimension, fromDay, toDay);
  countUnits(ctx, { readUnits });
  logDecodeErrors(ctx, errors);
  return buildBreakdown(counts, dimension, { limit: ALL_ROWS }).rows;
}

/** The two reads bound to one request, as reports/legacy.ts asks for them. */
export const aggregateLegacySource = (ctx: RequestContext): LegacySource => ({
  hours: (site, fromDay, toDay, path) => readLegacyHours(ctx, site, fromDay, toDay, path),
  rows: (site, dimension, fromDay, toDay) => readLegacyRows(ctx, site, dimension, fromDay, toDay),
});
