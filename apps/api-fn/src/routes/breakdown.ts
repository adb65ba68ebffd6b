// GET /api/stats/breakdown: views and visitors per page, referrer, browser, OS, device, country or UTM value;
// events and conversions per event name or per value of one event's prop.
import { breakdownQuery } from '@footfall/core-model';
import { buildBreakdown, buildEventBreakdown, readDayCounts } from '@footfall/store';
import { DEFAULT_BREAKDOWN_LIMIT, MAX_BREAKDOWN_LIMIT } from '../constants';
import { countUnits, type RouteHandler } from '../context';
import { badRequest } from '../errors';
import { json } from '../http';
import { logDecodeErrors, reportingRequest } from './reporting';

/** `GET /api/stats/breakdown?site=&from=&to=&dimension=[&path=][&limit=]` (days are UTC days). */
export const breakdownRoute: RouteHandler = async (ctx) => {
  const { query, range, site } = await reportingRequest(ctx, breakdownQuery);
  const limit = query.limit === undefined ? DEFAULT_BREAKDOWN_LIMIT : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_BREAKDOWN_LIMIT)
    throw badRequest('invalid_limit', `limit: must be between 1 and ${MAX_BREAKDOWN_LIMIT}`);
  const { dimension, path } = query;
  if (dimension === 'prop' && query.event === undefined)
    throw badRequest('missing_filter', 'dimension=prop needs event=NAME (and prop=KEY for one key).');
  if (path !== undefined && dimension !== 'page')
    throw badRequest(
      'unsupported_filter',
      `path: only the page breakdown can be filtered by path. Per-page ${dimension} counts are not stored, a ` +
        'deliberate trade-off that keeps each view to a few write units (see docs/data-model.md).',
    );
  const { counts, readUnits, errors } = await readDayCounts(
    ctx.table,
    site,
    dimension,
    range.fromKey,
    range.toKey,
  );
  countUnits(ctx, { readUnits });
  logDecodeErrors(ctx, errors);
  if (dimension === 'event' || dimension === 'prop')
    return json(200, buildEventBreakdown(counts, dimension, { event: query.event, prop: query.prop, limit }));
  return json(200, buildBreakdown(counts, dimension, { pathPrefix: path, limit }));
};
