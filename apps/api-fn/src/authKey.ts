// The Fernet keys of session tokens (SSM or a plain variable), loaded on first use and re-read every 5 minutes.
import type { FernetKeyring } from '@footfall/tokens';
import type { AuthKeySource } from './config';
import { KEY_REFRESH_MS, KEY_RETRY_MS } from './constants';
import { ConfigError } from './errors';

/** Hands out the session keys: the newest signs, any verifies (a rotated-out key until it is dropped). */
export interface KeyProvider {
  get(): Promise<FernetKeyring>;
}

/** What the provider needs besides the source; tests pass their own loader and clock. */
export interface KeyProviderOptions {
  /** Returns the keys' text, replacing the configured source. */
  load?: (() => Promise<string>) | undefined;
  /** Current time, epoch ms. */
  now?: () => number;
  /** Told when a re-read fails and the keys in hand go on serving (never given the keys). */
  onStale?: (error: unknown) => void;
}

/** Loads the keys' text: from AUTH_KEY, else the SSM SecureString named by AUTH_KEY_PARAMETER. */
async function loadFromSource(source: AuthKeySource): Promise<string> {
  switch (source.kind) {
    case 'value':
      return source.value;
    case 'parameter': {
      // Only sign-in and reporting get here: the ingest path never loads the SSM client.
      const { fetchSecureParameter } = await import('./ssmParameter');
      return fetchSecureParameter(source.name);
    }
    case 'none':
      throw new ConfigError('Neither AUTH_KEY nor AUTH_KEY_PARAMETER is set, so no session can be signed.');
  }
}

/**
 * Creates the container's key provider. The keys are read on first use and again once they are 5 minutes
 * old, so a rotation reaches every warm container within 5 minutes. A failed first read is not kept (the next
 * request tries again); a failed re-read keeps the keys in hand for 30 s more, so an SSM hiccup signs nobody out.
 * @example const { current } = await createKeyProvider(config.authKey).get();
 */
export function createKeyProvider(source: AuthKeySource, options: KeyProviderOptions = {}): KeyProvider {
  const now = options.now ?? Date.now;
  let keys: FernetKeyring | undefined;
  let freshUntil = 0;
  let pending: Promise<FernetKeyring> | undefined;

  const loadKeys = async (): Promise<FernetKeyring> => {
    const text = options.load ? await options.load() : await loadFromSource(source);
    const { parseKeyring } = await import('@footfall/tokens');
    const parsed = parseKeyring(text);
    if (!parsed.ok) throw new ConfigError(`The session key setting is not usable: ${parsed.error.message}`);
    return parsed.value;
  };

  return {
    get() {
      if (keys && now() < freshUntil) return Promise.resolve(keys);
      pending ??= loadKeys().then(
        (loaded) => {
          keys = loaded;
          freshUntil = now() + KEY_REFRESH_MS;
          pending = undefined;
          return loaded;
        },
        (error: unknown) => {
          pending = undefined;
          if (!keys) throw error;
          freshUntil = now() + KEY_RETRY_MS;
          options.onStale?.(error);
          return keys;
        },
      );
      return pending;
    },
  };
}
