// Shared steps of the reporting routes: site check, aggregate reads and their logging.
import type { DecodeError, Item, SectionRange } from '@footfall/core-model';
import type { RequestContext } from '../context';
import { siteNotAllowed } from '../errors';
import { queryItems } from '../reports/queryItems';

/** Requires a configured site; returns it lower-cased. */
export function reportedSite(ctx: RequestContext, site: string): string {
  const s = site.toLowerCase();
  if (!ctx.config.allowedSites.includes(s)) throw siteNotAllowed(site);
  return s;
}

/** Queries one range of aggregate items, counting its read units into the request's tally. */
export async function readAggregates(ctx: RequestContext, range: SectionRange): Promise<Item[]> {
  const { items, readUnits } = await queryItems(ctx.dynamodb, ctx.config.tableName, range);
  ctx.capacity.readUnits += readUnits;
  return items;
}

/** Logs attributes that could not be decoded (the report skips them rather than failing). */
export function logDecodeErrors(ctx: RequestContext, errors: readonly DecodeError[]): void {
  if (errors.length === 0) return;
  ctx.log.warn('aggregate attributes skipped', {
    count: errors.length,
    first: errors.slice(0, 3).map((e) => e.message),
  });
}
