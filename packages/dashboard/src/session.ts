// The signed-in session: the bearer token and its expiry, kept in sessionStorage only (never localStorage
// or cookies), so it dies with the tab and is never sent anywhere by the browser on its own.

/** A session token and when it stops working. */
export interface Session {
  token: string;
  /** ISO 8601 instant. */
  expiresAt: string;
}

/** What is known about the session at a given instant. */
export type SessionStatus = { kind: 'none' } | { kind: 'expired' } | { kind: 'active'; session: Session };

/** The part of the Storage interface the store needs (sessionStorage in the browser). */
export type SessionStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KEY = 'footfall.session';

/** Reads and writes the session in a storage area. */
export interface SessionStore {
  status(now: Date): SessionStatus;
  save(session: Session): void;
  clear(): void;
}

/**
 * Creates the store over `storage`; storage errors (private modes, quotas) count as "no session".
 * @example createSessionStore(sessionStorage).status(new Date())
 */
export function createSessionStore(storage: SessionStorageLike): SessionStore {
  // Used when storage refuses (some private modes): the session then lasts until the page is reloaded.
  let memory: string | null = null;
  return {
    status(now) {
      let raw: string | null;
      try {
        raw = storage.getItem(KEY) ?? memory;
      } catch {
        raw = memory;
      }
      if (!raw) return { kind: 'none' };
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return { kind: 'none' };
      }
      if (typeof parsed !== 'object' || parsed === null) return { kind: 'none' };
      const { token, expiresAt } = parsed as Record<string, unknown>;
      if (typeof token !== 'string' || token === '' || typeof expiresAt !== 'string') return { kind: 'none' };
      const expiry = Date.parse(expiresAt);
      if (!Number.isFinite(expiry) || expiry <= now.getTime()) return { kind: 'expired' };
      return { kind: 'active', session: { token, expiresAt } };
    },
    save(session) {
      memory = JSON.stringify(session);
      try {
        storage.setItem(KEY, memory);
      } catch {
        // Kept in memory only.
      }
    },
    clear() {
      memory = null;
      try {
        storage.removeItem(KEY);
      } catch {
        // Nothing could be stored, so nothing is left behind.
      }
    },
  };
}
