// The original reporting API (POST /api/views|browsers|pages/week|month, token in the body): parse, check the
// session, the site and the user's access to it, answer from the aggregates. Loaded lazily by the router, off the ingest path.
import { assertMayReadSite } from '../access';
import type { RouteHandler } from '../context';
import { json, readJsonBody } from '../http';
import {
  type LegacyPeriodKind,
  type LegacyReport,
  legacyAnswer,
  parseLegacyRequest,
} from '../reports/legacy';
import { aggregateLegacySource } from '../reports/legacySource';
import { verifySessionToken } from '../session';
import { siteOfRequest } from '../siteOf';

/**
 * The handler of one legacy route; its site is the body's `site`, else the dashboard page's Origin or Referer,
 * else the only configured site.
 * @example { method: 'POST', pattern: '/api/views/week', handle: legacyRoute('views', 'week') }
 */
export function legacyRoute(report: LegacyReport, kind: LegacyPeriodKind): RouteHandler {
  return async (ctx) => {
    const body = readJsonBody(ctx.event, ctx.headers);
    if (!body.ok) throw body.error;
    const request = parseLegacyRequest(report, kind, body.value);
    if (!request.ok) throw request.error;
    const session = await verifySessionToken(ctx, request.value.token);
    const site = siteOfRequest(
      {
        named: request.value.site,
        origin: ctx.headers.origin,
        referer: ctx.headers.referer,
        host: ctx.headers.host,
      },
      await ctx.sites.sites(ctx),
    );
    if (!site.ok) throw site.error;
    assertMayReadSite({ kind: 'user', session }, site.value);
    return json(200, await legacyAnswer(request.value, site.value, aggregateLegacySource(ctx)));
  };
}
