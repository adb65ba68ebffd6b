// GET /api/stats/export: daily views per page as a CSV download.
import { exportQuery } from '@footfall/core-model';
import { exportSiteCsv } from '@footfall/store';
import type { RouteHandler } from '../context';
import type { HttpResponse } from '../http';
import { parseDayRange } from '../reports/range';
import { requireSession } from '../session';
import { validate } from '../validation';
import { logDecodeErrors, reportedSite, tableOf } from './reporting';
import { QUERY_CODES } from './timeseries';

/** `GET /api/stats/export?site=&from=&to=`. */
export const exportRoute: RouteHandler = async (ctx) => {
  await requireSession(ctx);
  const q = validate(exportQuery, ctx.query, 'invalid_query', QUERY_CODES);
  if (!q.ok) throw q.error;
  const range = parseDayRange(q.value.from, q.value.to);
  if (!range.ok) throw range.error;
  const site = reportedSite(ctx, q.value.site);
  const out = await exportSiteCsv(tableOf(ctx), site, range.value);
  ctx.capacity.readUnits += out.readUnits;
  logDecodeErrors(ctx, out.errors);
  const filename = `${site.replace(/[^a-z0-9.-]/g, '_')}-${range.value.fromKey}-${range.value.toKey}.csv`;
  const response: HttpResponse = {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
    body: out.csv,
  };
  return response;
};
