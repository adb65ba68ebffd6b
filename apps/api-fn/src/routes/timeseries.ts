// GET /api/stats/timeseries: views, visitors and engagement per bucket of a range, in a time zone.
import {
  bucketsInRange,
  hourRange,
  isValidTimeZone,
  previousRange,
  timeseriesQuery,
  utcDaysOf,
} from '@footfall/core-model';
import { buildTimeseries, readPageHours, readSiteHours } from '@footfall/store';
import type { RouteHandler } from '../context';
import { badRequest } from '../errors';
import { json } from '../http';
import { parseDayRange } from '../reports/range';
import { requireSession } from '../session';
import { validate } from '../validation';
import { logDecodeErrors, reportedSite, tableOf } from './reporting';

/** Error codes of the query fields that have their own. */
export const QUERY_CODES = {
  from: 'invalid_date',
  to: 'invalid_date',
  site: 'invalid_site',
  path: 'invalid_path',
  interval: 'invalid_interval',
  tz: 'invalid_timezone',
  dimension: 'unknown_dimension',
  limit: 'invalid_limit',
  compare: 'invalid_compare',
};

/** `GET /api/stats/timeseries?site=&from=&to=[&path=][&interval=][&tz=][&compare=previous]`. */
export const timeseriesRoute: RouteHandler = async (ctx) => {
  await requireSession(ctx);
  const q = validate(timeseriesQuery, ctx.query, 'invalid_query', QUERY_CODES);
  if (!q.ok) throw q.error;
  const range = parseDayRange(q.value.from, q.value.to);
  if (!range.ok) throw range.error;
  const site = reportedSite(ctx, q.value.site);
  const tz = q.value.tz ?? 'UTC';
  if (!isValidTimeZone(tz))
    throw badRequest('invalid_timezone', `tz: ${JSON.stringify(tz)} is not an IANA time zone`);
  const interval = q.value.interval ?? 'day';
  const path = q.value.path ?? null;

  const { from, to } = range.value;
  const previous = q.value.compare === 'previous' ? previousRange(range.value, interval) : undefined;
  // One read covers both periods: they are adjacent, so the previous one only extends the range backwards.
  const { start, end } = hourRange(previous?.from ?? from, to, tz);
  const days = utcDaysOf(start, end);
  const counters =
    path === null
      ? await readSiteHours(tableOf(ctx), site, days)
      : await readPageHours(tableOf(ctx), site, path, days);
  ctx.capacity.readUnits += counters.readUnits;
  logDecodeErrors(ctx, counters.errors);
  const series = (f: typeof from, t: typeof to) =>
    buildTimeseries({
      site,
      path,
      interval,
      tz,
      buckets: bucketsInRange(f, t, interval, tz),
      hours: counters.hours,
    });
  const response = series(from, to);
  if (previous) {
    const before = series(previous.from, previous.to);
    response.previous = {
      from: previous.fromKey,
      to: previous.toKey,
      points: before.points,
      totals: before.totals,
    };
  }
  return json(200, response);
};
