// GET /api/stats/realtime: views, visitors, top pages and referrers of the last five minutes.
import { realtimeQuery } from '@footfall/core-model';
import { readRealtime } from '@footfall/store';
import type { RouteHandler } from '../context';
import { json } from '../http';
import { requireSession } from '../session';
import { validate } from '../validation';
import { logDecodeErrors, reportedSite, tableOf } from './reporting';
import { QUERY_CODES } from './timeseries';

/** `GET /api/stats/realtime?site=`: never cached, since it is asked again every 15 s while a tab watches it. */
export const realtimeRoute: RouteHandler = async (ctx) => {
  await requireSession(ctx);
  const q = validate(realtimeQuery, ctx.query, 'invalid_query', QUERY_CODES);
  if (!q.ok) throw q.error;
  const site = reportedSite(ctx, q.value.site);
  const { response, readUnits, errors } = await readRealtime(tableOf(ctx), site, ctx.now());
  ctx.capacity.readUnits += readUnits;
  logDecodeErrors(ctx, errors);
  const answer = json(200, response);
  answer.headers = { ...answer.headers, 'cache-control': 'no-store' };
  return answer;
};
