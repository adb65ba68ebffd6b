// GET /api/stats/breakdown: views and visitors per page, referrer, browser, OS, device, country or UTM value.
import { breakdownQuery } from '@footfall/core-model';
import { buildBreakdown, readDayCounts } from '@footfall/store';
import { DEFAULT_BREAKDOWN_LIMIT, MAX_BREAKDOWN_LIMIT } from '../constants';
import type { RouteHandler } from '../context';
import { badRequest } from '../errors';
import { json } from '../http';
import { parseDayRange } from '../reports/range';
import { requireSession } from '../session';
import { validate } from '../validation';
import { logDecodeErrors, reportedSite, tableOf } from './reporting';
import { QUERY_CODES } from './timeseries';

/** `GET /api/stats/breakdown?site=&from=&to=&dimension=[&path=][&limit=]` (days are UTC days). */
export const breakdownRoute: RouteHandler = async (ctx) => {
  await requireSession(ctx);
  const q = validate(breakdownQuery, ctx.query, 'invalid_query', QUERY_CODES);
  if (!q.ok) throw q.error;
  const range = parseDayRange(q.value.from, q.value.to);
  if (!range.ok) throw range.error;
  const limit = q.value.limit === undefined ? DEFAULT_BREAKDOWN_LIMIT : Number(q.value.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_BREAKDOWN_LIMIT)
    throw badRequest('invalid_limit', `limit: must be between 1 and ${MAX_BREAKDOWN_LIMIT}`);
  const { dimension, path } = q.value;
  if (path !== undefined && dimension !== 'page')
    throw badRequest(
      'unsupported_filter',
      `path: only the page breakdown can be filtered by path. Per-page ${dimension} counts are not stored, a ` +
        'deliberate trade-off that keeps each view to a few write units (see docs/data-model.md).',
    );
  const site = reportedSite(ctx, q.value.site);
  const { fromKey, toKey } = range.value;
  const { counts, readUnits, errors } = await readDayCounts(tableOf(ctx), site, dimension, fromKey, toKey);
  ctx.capacity.readUnits += readUnits;
  logDecodeErrors(ctx, errors);
  return json(200, buildBreakdown(counts, dimension, { pathPrefix: path, limit }));
};
