// Shared steps of the reporting routes: the session → query → day range → site preamble, and logging what did
// not decode.
import type { DecodeError } from '@footfall/core-model';
import { requireSiteReader } from '../access';
import type { RequestContext } from '../context';
import { type DayRange, parseDayRange } from '../reports/range';
import { requireSession } from '../session';
import { type Schema, validate } from '../validation';

/** Error codes of the query fields that have their own. */
export const QUERY_CODES = {
  from: 'invalid_date',
  to: 'invalid_date',
  site: 'invalid_site',
  path: 'invalid_path',
  interval: 'invalid_interval',
  tz: 'invalid_timezone',
  dimension: 'unknown_dimension',
  limit: 'invalid_limit',
  event: 'invalid_event_name',
  prop: 'invalid_prop',
  goal: 'invalid_goal',
  format: 'invalid_format',
};

/** A reporting request that passed the common checks. */
export interface ReportingRequest<Q> {
  /** The validated query. */
  query: Q;
  range: DayRange;
  /** The configured site it reports, in its stored spelling. */
  site: string;
}

/**
 * The preamble of every reporting route: a valid session (401), a valid query (400 with the field's code), its
 * day range (400) and a configured site (403), in that order.
 * @example const { query, range, site } = await reportingRequest(ctx, timeseriesQuery);
 */
export async function reportingRequest<Q extends { site: string; from: string; to: string }>(
  ctx: RequestContext,
  schema: Schema<Q>,
): Promise<ReportingRequest<Q>> {
  await requireSession(ctx);
  const query = validate(schema, ctx.query, 'invalid_query', QUERY_CODES);
  if (!query.ok) throw query.error;
  const range = parseDayRange(query.value.from, query.value.to);
  if (!range.ok) throw range.error;
  // The access check owns the site rule (a site this user may read, else 403); the session is cached by now.
  const site = await requireSiteReader(ctx, query.value.site);
  return { query: query.value, range: range.value, site };
}

/** Logs attributes that could not be decoded (the report skips them rather than failing). */
export function logDecodeErrors(ctx: RequestContext, errors: readonly DecodeError[]): void {
  if (errors.length === 0) return;
  ctx.log.warn('aggregate attributes skipped', {
    count: errors.length,
    first: errors.slice(0, 3).map((e) => e.message),
  });
}
