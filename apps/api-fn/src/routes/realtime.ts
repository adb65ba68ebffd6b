// GET /api/stats/realtime: views, visitors, top pages and referrers of the last five minutes.
import { realtimeQuery } from '@footfall/core-model';
import { readRealtime } from '@footfall/store';
import { assertMayReadSite, requirePrincipal } from '../access';
import { countUnits, type RouteHandler } from '../context';
import { json } from '../http';
import { configuredSite } from '../siteOf';
import { validate } from '../validation';
import { logDecodeErrors, QUERY_CODES } from './reporting';

/**
 * `GET /api/stats/realtime?site=`: never cached, since it is asked again every 15 s while a tab watches it.
 * The reporting preamble without a day range: a session or share link (401), a valid query (400), a site the
 * principal may read (403 `site_forbidden`) and a configured site (403 `site_not_allowed`).
 */
export const realtimeRoute: RouteHandler = async (ctx) => {
  const principal = await requirePrincipal(ctx);
  const q = validate(realtimeQuery, ctx.query, 'invalid_query', QUERY_CODES);
  if (!q.ok) throw q.error;
  assertMayReadSite(principal, q.value.site);
  const site = configuredSite(q.value.site, await ctx.sites.sites(ctx));
  if (!site.ok) throw site.error;
  const { response, readUnits, errors } = await readRealtime(ctx.table, site.value, ctx.now());
  countUnits(ctx, { readUnits });
  logDecodeErrors(ctx, errors);
  const answer = json(200, response);
  answer.headers = { ...answer.headers, 'cache-control': 'no-store' };
  return answer;
};
