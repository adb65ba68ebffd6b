// Shared steps of the reporting routes: the session → query → day range → site preamble, and logging what did
// not decode.
import type { DecodeError } from '@footfall/core-model';
import { assertMayReadSite, type Principal, requirePrincipal } from '../access';
import type { RequestContext } from '../context';
import { type DayRange, parseDayRange } from '../reports/range';
import { configuredSite } from '../siteOf';
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
  compare: 'invalid_compare',
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
  /** Who asked: a user who may read the site, or that site's share link. */
  principal: Principal;
}

/**
 * The preamble of every reporting route: a valid session or share link (401), a valid query (400 with the
 * field's code), its day range (400), a site the principal may read (403 `site_forbidden`) and a configured
 * site (403 `site_not_allowed`), in that order.
 * @example const { query, range, site } = await reportingRequest(ctx, timeseriesQuery);
 */
export async function reportingRequest<Q extends { site: string; from: string; to: string }>(
  ctx: RequestContext,
  schema: Schema<Q>,
): Promise<ReportingRequest<Q>> {
  const principal = await requirePrincipal(ctx);
  const query = validate(schema, ctx.query, 'invalid_query', QUERY_CODES);
  if (!query.ok) throw query.error;
  const range = parseDayRange(query.value.from, query.value.to);
  if (!range.ok) throw range.error;
  assertMayReadSite(principal, query.value.site);
  const site = configuredSite(query.value.site, await ctx.sites.sites(ctx));
  if (!site.ok) throw site.error;
  return { query: query.value, range: range.value, site: site.value, principal };
}

/** Logs attributes that could not be decoded (the report skips them rather than failing). */
export function logDecodeErrors(ctx: RequestContext, errors: readonly DecodeError[]): void {
  if (errors.length === 0) return;
  ctx.log.warn('aggregate attributes skipped', {
    count: errors.length,
    first: errors.slice(0, 3).map((e) => e.message),
  });
}
