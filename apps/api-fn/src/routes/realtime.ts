// GET /api/stats/realtime: views, visitors, top pages and referrers of the last five minutes.
import { realtimeQuery } from '@footfall/core-model';
import { readRealtime } from '@footfall/store';
import { countUnits, type RouteHandler } from '../context';
import { json } from '../http';
import { requireSession } from '../session';
import { configuredSite } from '../siteOf';
import { validate } from '../validation';
import { logDecodeErrors, QUERY_CODES } from './reporting';

/** `GET /api/stats/realtime?site=`: never cached, since it is asked again every 15 s while a tab watches it. */
export const realtimeRoute: RouteHandler = async (ctx) => {
  await requireSession(ctx);
  const q = validate(realtimeQuery, ctx.query, 'invalid_query', QUERY_CODES);
  if (!q.ok) throw q.error;
  const site = configuredSite(q.value.site, ctx.config.allowedSites);
  if (!site.ok) throw site.error;
  const { response, readUnits, errors } = await readRealtime(ctx.table, site.value, ctx.now());
  countUnits(ctx, { readUnits });
  logDecodeErrors(ctx, errors);
  const answer = json(200, response);
  answer.headers = { ...answer.headers, 'cache-control': 'no-store' };
  return answer;
};
