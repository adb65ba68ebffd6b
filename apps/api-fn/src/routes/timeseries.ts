// GET /api/stats/timeseries: views, visitors and engagement per bucket of a range, in a time zone.
import { bucketsInRange, hourRange, isValidTimeZone, timeseriesQuery, utcDaysOf } from '@footfall/core-model';
import { buildTimeseries, readHours } from '@footfall/store';
import { countUnits, type RouteHandler } from '../context';
import { badRequest } from '../errors';
import { json } from '../http';
import { logDecodeErrors, reportingRequest } from './reporting';

/** `GET /api/stats/timeseries?site=&from=&to=[&path=][&interval=][&tz=][&goal=]` (a goal: its conversions). */
export const timeseriesRoute: RouteHandler = async (ctx) => {
  const { query, range, site } = await reportingRequest(ctx, timeseriesQuery);
  const tz = query.tz ?? 'UTC';
  if (!isValidTimeZone(tz))
    throw badRequest('invalid_timezone', `tz: ${JSON.stringify(tz)} is not an IANA time zone`);
  const interval = query.interval ?? 'day';
  const path = query.path ?? null;

  const { from, to } = range;
  const { start, end } = hourRange(from, to, tz);
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
  const buckets = bucketsInRange(from, to, interval, tz);
  return json(200, buildTimeseries({ site, path, interval, tz, buckets, hours: counters.hours }));
};
