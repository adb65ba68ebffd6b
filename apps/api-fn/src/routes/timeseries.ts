// GET /api/stats/timeseries: views, visitors and engagement per bucket of a range, in a time zone.
import {
  bucketsInRange,
  type GoalTimeseriesResponse,
  hourRange,
  isValidTimeZone,
  timeseriesQuery,
  utcDaysOf,
} from '@footfall/core-model';
import { buildTimeseries, listGoals, readGoalHours, readHours } from '@footfall/store';
import { countUnits, type RouteHandler } from '../context';
import { badRequest, notFound } from '../errors';
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
    const listed = await listGoals(ctx.table, site);
    countUnits(ctx, listed);
    const goal = listed.goals.find((g) => g.id === query.goal);
    if (!goal) throw notFound('No such goal for this site.');
    const counters = await readGoalHours(ctx.table, site, goal, days);
    countUnits(ctx, counters);
    logDecodeErrors(ctx, counters.errors);
    const buckets = bucketsInRange(from, to, interval, tz);
    const series = buildTimeseries({ site, path: null, interval, tz, buckets, hours: counters.hours });
    const response: GoalTimeseriesResponse = {
      site,
      goal: { id: goal.id, kind: goal.kind, match: goal.match },
      interval,
      tz,
      // readGoalHours keeps conversions in `views` and events in `visitors`.
      points: series.points.map((p) => ({ t: p.t, events: p.visitors, conversions: p.views })),
      totals: { events: series.totals.visitors, conversions: series.totals.views },
    };
    return json(200, response);
  }
  const counters = await readHours(ctx.table, site, days, path);
  countUnits(ctx, counters);
  logDecodeErrors(ctx, counters.errors);
  const buckets = bucketsInRange(from, to, interval, tz);
  return json(200, buildTimeseries({ site, path, interval, tz, buckets, hours: counters.hours }));
};
