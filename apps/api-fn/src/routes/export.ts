// GET /api/stats/export: daily views per page as a CSV download.
import { exportQuery } from '@footfall/core-model';
import { exportSiteCsv } from '@footfall/store';
import { countUnits, type RouteHandler } from '../context';
import type { HttpResponse } from '../http';
import { logDecodeErrors, reportingRequest } from './reporting';

/** `GET /api/stats/export?site=&from=&to=`. */
export const exportRoute: RouteHandler = async (ctx) => {
  const { range, site } = await reportingRequest(ctx, exportQuery);
  const out = await exportSiteCsv(ctx.table, site, range);
  countUnits(ctx, out);
  logDecodeErrors(ctx, out.errors);
  const filename = `${site.replace(/[^a-z0-9.-]/g, '_')}-${range.fromKey}-${range.toKey}.csv`;
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
