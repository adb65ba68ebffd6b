// Shared steps of the reporting routes: site check, the table reports read, and logging what did not decode.
import type { DecodeError } from '@footfall/core-model';
import type { Table } from '@footfall/store';
import type { RequestContext } from '../context';
import { siteNotAllowed } from '../errors';

/** Requires a configured site; returns it lower-cased. */
export function reportedSite(ctx: RequestContext, site: string): string {
  const s = site.toLowerCase();
  if (!ctx.config.allowedSites.includes(s)) throw siteNotAllowed(site);
  return s;
}

/** The table reports read, for store's report functions. */
export const tableOf = (ctx: RequestContext): Table => ({
  dynamodb: ctx.dynamodb,
  tableName: ctx.config.tableName,
});

/** Logs attributes that could not be decoded (the report skips them rather than failing). */
export function logDecodeErrors(ctx: RequestContext, errors: readonly DecodeError[]): void {
  if (errors.length === 0) return;
  ctx.log.warn('aggregate attributes skipped', {
    count: errors.length,
    first: errors.slice(0, 3).map((e) => e.message),
  });
}
