// GET /api/stats/timeseries: views, visitors and engagement per bucket of a range, in a time zone.
import {
  bucketsInRange,
  HOUR_MS,
  hourItemsRange,
  hourRange,
  isValidTimeZone,
  seriesRange,
  timeseriesQuery,
  utcDaysOf,
  utcHourKey,
} from '@footfall/core-model';
import type { RouteHandler } from '../context';
import { badRequest } from '../errors';
import { json } from '../http';
import { parseDayRange } from '../reports/range';
import { buildTimeseries, pageHours, siteHours } from '../reports/timeseries';
import { requireSession } from '../session';
import { validate } from '../validation';
import { logDecodeErrors, readAggregates, reportedSite } from './reporting';

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
};

/** `GET /api/stats/timeseries?site=&from=&to=[&path=][&interval=][&tz=]`. */
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
  const { start, end } = hourRange(from, to, tz);
  let counters: ReturnType<typeof siteHours>;
  if (path === null) {
    const days = utcDaysOf(start, end);
    const items = await readAggregates(ctx, seriesRange(site, days[0] ?? '', days[days.length - 1] ?? ''));
    counters = siteHours(items);
  } else {
    const items = await readAggregates(
      ctx,
      hourItemsRange(site, path, utcHourKey(start), utcHourKey(end - HOUR_MS)),
    );
    counters = pageHours(items, path);
  }
  logDecodeErrors(ctx, counters.errors);
  const buckets = bucketsInRange(from, to, interval, tz);
  return json(200, buildTimeseries({ site, path, interval, tz, buckets, hours: counters.hours }));
};
