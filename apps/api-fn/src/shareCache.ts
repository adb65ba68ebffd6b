// Per-container memory of share link lookups, so a shared dashboard's calls cost one read per link per minute
// and a deleted link stops working within that minute.
import { SHARE_ID_PATTERN, type ShareLink, shareIsLive } from '@footfall/core-model';
import { readShare } from '@footfall/store';
import { SHARE_CACHE_ENTRIES } from './constants';
import { countUnits, type RequestContext } from './context';

/** Share links by id, as this container last read them. */
export interface ShareCache {
  /** The live link of `id`, or null (no such link, expired, malformed id, unreadable item). */
  lookup(ctx: RequestContext, id: string): Promise<ShareLink | null>;
  /** Forgets a link (after this container deleted it). */
  forget(id: string): void;
}

/**
 * Creates an empty cache trusting an entry for `maxAgeMs` (the longest a deleted link keeps working).
 * @example const shares = createShareCache(60_000);
 */
export function createShareCache(maxAgeMs: number, maxEntries = SHARE_CACHE_ENTRIES): ShareCache {
  const entries = new Map<string, { at: number; link: ShareLink | null }>();
  return {
    forget(id) {
      entries.delete(id);
    },
    async lookup(ctx, id) {
      if (!SHARE_ID_PATTERN.test(id)) return null;
      const now = ctx.now();
      const cached = entries.get(id);
      let link: ShareLink | null;
      if (cached && now - cached.at < maxAgeMs && now >= cached.at) link = cached.link;
      else {
        const read = await readShare(ctx.table, id);
        countUnits(ctx, read);
        if (read.link && !read.link.ok)
          ctx.log.warn('unreadable share link item: the link is refused', { error: read.link.error.message });
        link = read.link?.ok ? read.link.value : null;
        entries.delete(id);
        entries.set(id, { at: now, link });
        for (const oldest of entries.keys()) {
          if (entries.size <= maxEntries) break;
          entries.delete(oldest);
        }
      }
      return link && shareIsLive(link, now) ? link : null;
    },
  };
}
