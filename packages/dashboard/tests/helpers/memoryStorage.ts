// An in-memory stand-in for sessionStorage, optionally refusing every call as some private modes do.
import type { SessionStorageLike } from '../../src/session';

/** A Storage-like map; `refuse` makes every call throw. */
export function memoryStorage(
  options: { refuse?: boolean } = {},
): SessionStorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  const guard = () => {
    if (options.refuse) throw new Error('SecurityError: storage is disabled');
  };
  return {
    data,
    getItem: (key) => {
      guard();
      return data.get(key) ?? null;
    },
    setItem: (key, value) => {
      guard();
      data.set(key, value);
    },
    removeItem: (key) => {
      guard();
      data.delete(key);
    },
  };
}
