// Per-container memory of each user's session epoch, so revocation costs one read per user per minute.
import { normaliseUsername, type User } from '@footfall/core-model';
import { readUser } from '@footfall/store';
import { SESSION_CACHE_ENTRIES } from './constants';
import { countUnits, type RequestContext } from './context';

/**
 * What a token is checked against (the user's incarnation and current session epoch) and what the user may
 * read (role and sites), so a changed role reaches a warm function as fast as a revocation.
 */
export type SessionState = Pick<User, 'createdAt' | 'sessionEpoch' | 'role' | 'sites'>;

/** The user's session state, or null when there is no such user. */
export interface SessionCache {
  /** From memory when read less than `maxAgeMs` ago, else from the table (and remembered). */
  lookup(ctx: RequestContext, username: string): Promise<SessionState | null>;
  /** Records what sign-in just read, so the dashboard's first calls need no read of their own. */
  remember(username: string, state: SessionState | null, at: number): void;
  /** Forgets a user, so this container's next request reads it (after an admin changed its access). */
  forget(username: string): void;
}

/**
 * Creates an empty cache trusting an entry for `maxAgeMs` (the longest a revocation takes to reach this
 * container). An unreadable user item counts as no user: its tokens are refused until it is fixed.
 * @example const sessions = createSessionCache(config.sessionCacheSeconds * 1000);
 */
export function createSessionCache(maxAgeMs: number, maxEntries = SESSION_CACHE_ENTRIES): SessionCache {
  const entries = new Map<string, { at: number; state: SessionState | null }>();

  const remember = (username: string, state: SessionState | null, at: number) => {
    const name = normaliseUsername(username);
    entries.delete(name);
    entries.set(name, { at, state });
    // A Map iterates in insertion order, so the first key is the entry refreshed longest ago.
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(oldest);
    }
  };

  return {
    remember,
    forget: (username) => {
      entries.delete(normaliseUsername(username));
    },
    async lookup(ctx, username) {
      const name = normaliseUsername(username);
      const cached = entries.get(name);
      const now = ctx.now();
      if (cached && now - cached.at < maxAgeMs && now >= cached.at) return cached.state;
      // Strongly consistent: an eventually consistent read could bring back the epoch from before a revocation.
      const read = await readUser(ctx.table, name);
      countUnits(ctx, read);
      let state: SessionState | null = null;
      if (read.user?.ok)
        state = {
          createdAt: read.user.value.createdAt,
          sessionEpoch: read.user.value.sessionEpoch,
          role: read.user.value.role,
          sites: read.user.value.sites,
        };
      else if (read.user)
        ctx.log.warn('unreadable user item: its sessions are refused', { error: read.user.error.message });
      remember(name, state, now);
      return state;
    },
  };
}
