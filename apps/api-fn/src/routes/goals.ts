// Goals: the admin routes that add and remove a site's goals, and GET /api/stats/goals (JSON or CSV).
import {
  checkGoalMatch,
  daysOf,
  GOAL_ID_PATTERN,
  type GoalsResponse,
  goalBody,
  goalsReportQuery,
} from '@footfall/core-model';
import { addGoal, goalRows, goalsCsv, listGoals, readGoalDays, removeGoal } from '@footfall/store';
import { requireAdmin } from '../access';
import { countUnits, type RequestContext, type RouteHandler } from '../context';
import { ApiError, badRequest, notFound } from '../errors';
import { empty, type HttpResponse, json, readJsonBody } from '../http';
import { configuredSite } from '../siteOf';
import { validate } from '../validation';
import { logDecodeErrors, reportingRequest } from './reporting';

/** The configured site a goal route's `{host}` names (403 otherwise), after the admin check. */
async function adminSite(ctx: RequestContext): Promise<string> {
  await requireAdmin(ctx);
  const site = configuredSite(decodeURIComponent(ctx.params.host ?? ''), await ctx.sites.sites(ctx));
  if (!site.ok) throw site.error;
  return site.value;
}

/** `POST /api/sites/{host}/goals {"kind","match"}` → 201 with the goal (200 when the same goal exists). */
export const addGoalRoute: RouteHandler = async (ctx) => {
  const site = await adminSite(ctx);
  const body = readJsonBody(ctx.event, ctx.headers);
  if (!body.ok) throw body.error;
  const parsed = validate(goalBody, body.value, 'invalid_goal', {
    kind: 'invalid_goal_kind',
    match: 'invalid_goal_match',
  });
  if (!parsed.ok) throw parsed.error;
  const match = checkGoalMatch(parsed.value.kind, parsed.value.match);
  if (!match.ok) throw badRequest('invalid_goal_match', `match: ${match.error}`);
  const out = await addGoal(ctx.table, site, parsed.value.kind, match.value, ctx.now());
  if (out.status === 'too_many')
    throw new ApiError(409, 'too_many_goals', `A site may have at most ${out.max} goals; remove one first.`);
  const { id, kind, match: m } = out.goal;
  return json(out.status === 'added' ? 201 : 200, { id, kind, match: m });
};

/** `DELETE /api/sites/{host}/goals/{id}` → 204, or 404 when the site has no such goal. */
export const removeGoalRoute: RouteHandler = async (ctx) => {
  const site = await adminSite(ctx);
  const id = ctx.params.id ?? '';
  if (!GOAL_ID_PATTERN.test(id)) throw notFound('No such goal.');
  if ((await removeGoal(ctx.table, site, id)) === 'absent') throw notFound('No such goal.');
  return empty(204);
};

/** `GET /api/stats/goals?site=&from=&to=[&format=csv]`: events, conversions and rate per goal (UTC days). */
export const goalsReportRoute: RouteHandler = async (ctx) => {
  const { query, range, site } = await reportingRequest(ctx, goalsReportQuery);
  const listed = await listGoals(ctx.table, site);
  countUnits(ctx, listed);
  const days = await readGoalDays(ctx.table, site, listed.goals, range.fromKey, range.toKey);
  countUnits(ctx, days);
  logDecodeErrors(ctx, [...listed.errors, ...days.errors]);
  if (query.format === 'csv') {
    const filename = `${site.replace(/[^a-z0-9.-]/g, '_')}-goals-${range.fromKey}-${range.toKey}.csv`;
    const response: HttpResponse = {
      statusCode: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'no-store',
      },
      body: goalsCsv(listed.goals, days, daysOf(range)),
    };
    return response;
  }
  const response: GoalsResponse = { goals: goalRows(listed.goals, days) };
  return json(200, response);
};
