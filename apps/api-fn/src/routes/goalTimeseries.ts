// GET /api/stats/timeseries&goal=<id>: one goal's events and conversions per bucket (loaded lazily).
import {
  bucketsInRange,
  type CivilDate,
  type GoalTimeseriesResponse,
  type Interval,
} from '@footfall/core-model';
import { buildTimeseries, listGoals, readGoalHours } from '@footfall/store';
import { countUnits, type RequestContext } from '../context';
import { notFound } from '../errors';
import { type HttpResponse, json } from '../http';
import { logDecodeErrors } from './reporting';

/** What the timeseries route already checked: the site, goal id, range, interval, zone and UTC days to read. */
export interface GoalSeriesRequest {
  site: string;
  goal: string;
  from: CivilDate;
  to: CivilDate;
  interval: Interval;
  tz: string;
  days: readonly string[];
}

/** A goal's conversions and events over the range's buckets; 404 when the site has no such goal. */
export async function goalTimeseries(ctx: RequestContext, r: GoalSeriesRequest): Promise<HttpResponse> {
  const listed = await listGoals(ctx.table, r.site);
  countUnits(ctx, listed);
  const goal = listed.goals.find((g) => g.id === r.goal);
  if (!goal) throw notFound('No such goal for this site.');
  const counters = await readGoalHours(ctx.table, r.site, goal, r.days);
  countUnits(ctx, counters);
  logDecodeErrors(ctx, counters.errors);
  const buckets = bucketsInRange(r.from, r.to, r.interval, r.tz);
  const series = buildTimeseries({
    site: r.site,
    path: null,
    interval: r.interval,
    tz: r.tz,
    buckets,
    hours: counters.hours,
  });
  const response: GoalTimeseriesResponse = {
    site: r.site,
    goal: { id: goal.id, kind: goal.kind, match: goal.match },
    interval: r.interval,
    tz: r.tz,
    // readGoalHours keeps conversions in `views` and events in `visitors`.
    points: series.points.map((p) => ({ t: p.t, events: p.visitors, conversions: p.views })),
    totals: { events: series.totals.visitors, conversions: series.totals.views },
  };
  return json(200, response);
}
