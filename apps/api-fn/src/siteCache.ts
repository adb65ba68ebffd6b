// Per-container memory of the site list: ingest checks every event's site against it, so it is read from the
// table at most once per SITE_CACHE_SECONDS (one Query of the `sites` partition, 0.5 RCU) per container.
import { listSites, seedSites } from '@footfall/store';
import { countUnits, type RequestContext } from './context';

/** The sites a deployment accepts, as this container last read them. */
export interface SiteCache {
  /** From memory when read less than the cache's age ago, else from the table (and remembered). */
  sites(ctx: RequestContext): Promise<readonly string[]>;
  /** Forgets the list, so this container's next request reads it (after an admin added or removed a site). */
  invalidate(): void;
}

/**
 * Creates an empty cache trusting what it read for `maxAgeMs`. The first read of a table whose site list was
 * never written writes the deployment's first list (ALLOWED_SITES) and a marker, once per table. A failed
 * refresh keeps the list in hand (logged); with none in hand the error reaches the request (503).
 * @example const siteCache = createSiteCache(config.siteCacheSeconds * 1000);
 */
export function createSiteCache(maxAgeMs: number): SiteCache {
  let held: { at: number; sites: readonly string[] } | undefined;

  async function read(ctx: RequestContext): Promise<readonly string[]> {
    const list = await listSites(ctx.table);
    countUnits(ctx, list);
    if (list.errors.length > 0)
      ctx.log.warn('unreadable site items skipped', {
        count: list.errors.length,
        first: list.errors[0]?.message,
      });
    if (list.seeded || ctx.config.allowedSites.length === 0) return list.sites;
    await seedSites(ctx.table, ctx.config.allowedSites, ctx.now());
    ctx.log.info('first site list written', { sites: ctx.config.allowedSites.length });
    return [...new Set([...list.sites, ...ctx.config.allowedSites])].sort();
  }

  return {
    invalidate() {
      held = undefined;
    },
    async sites(ctx) {
      const now = ctx.now();
      if (held && now - held.at < maxAgeMs && now >= held.at) return held.sites;
      try {
        held = { at: now, sites: await read(ctx) };
      } catch (error) {
        if (!held) throw error;
        ctx.log.warn('site list not re-read; the list in hand goes on', {
          errorName: error instanceof Error ? error.name : 'unknown',
        });
        held = { at: now, sites: held.sites };
      }
      return held.sites;
    },
  };
}
