// GET /api/stats/timeseries: views, visitors and engagement per bucket of a range, in a time zone.
import {
  bucketsInRange,
  hourRange,
  isValidTimeZone,
  previousRange,
  timeseriesQuery,
  utcDaysOf,
} from '@footfall/core-model';
import { buildTimeseries, readHours } from '@footfall/store';
import { countUnits, type RouteHandler } from '../context';
import { badRequest } from '../errors';
import { json } from '../http';
import { logDecodeErrors, reportingRequest } from './reporting';

/** `GET /api/stats/timeseries?site=&from=&to=[&path=][&interval=][&tz=][&compare=previous][&goal=]` (a goal: its conversions). */
export const timeseriesRoute: RouteHandler = async (ctx) => {
  const { query, range, site } = await reportingRequest(ctx, timeseriesQuery);
  const tz = query.tz ?? 'UTC';
  if (!isValidTimeZone(tz))
    throw badRequest('invalid_timezone', `tz: ${JSON.stringify(tz)} is not an IANA time zone`);
  const interval = query.interval ?? 'day';
  const path = query.path ?? null;

  const { from, to } = range;
  const previous = query.compare === 'previous' ? previousRange(range, interval) : undefined;
  // One read covers both periods: they are adjacent, so the previous one only extends the range backwards.
  const { start, end } = hourRange(previous?.from ?? from, to, tz);
  const days = utcDaysOf(start, end);
  if (query.goal !== undefined) {
    if (query.path !== undefined)
      throw badRequest('unsupported_filter', 'path: a goal timeseries is the goal’s own; leave path out.');
    // Loaded on first use, like every goal route: a cold ingest request never parses it.
    const { goalTimeseries } = await import('./goalTimeseries');
    return goalTimeseries(ctx, { site, goal: query.goal, from, to, interval, tz, days });
  }
  const counters = await readHours(ctx.table, site, days, path);
  countUnits(ctx, counters);
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
