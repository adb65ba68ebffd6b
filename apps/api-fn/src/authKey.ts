// The Fernet key of session tokens, loaded on first use (SSM or a plain variable) and kept for the container.
import type { FernetKey } from '@footfall/tokens';
import type { AuthKeySource } from './config';
import { ConfigError } from './errors';

/** Hands out the parsed session key; the first call loads it, later calls reuse it. */
export interface KeyProvider {
  get(): Promise<FernetKey>;
}

/** Loads the key's text: from AUTH_KEY, else the SSM SecureString named by AUTH_KEY_PARAMETER. */
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
 * Creates the container's key provider. `load` replaces the configured source (tests); a failed load is
 * not cached, so the next request tries again.
 * @example const key = await createKeyProvider(config.authKey).get();
 */
export function createKeyProvider(source: AuthKeySource, load?: () => Promise<string>): KeyProvider {
  let cached: Promise<FernetKey> | undefined;
  const loadKey = async (): Promise<FernetKey> => {
    const text = load ? await load() : await loadFromSource(source);
    const { parseKey } = await import('@footfall/tokens');
    const parsed = parseKey(text.trim());
    if (!parsed.ok) throw new ConfigError(`The session key is not a Fernet key: ${parsed.error.message}`);
    return parsed.value;
  };
  return {
    get() {
      if (!cached) {
        const attempt = loadKey();
        cached = attempt;
        attempt.catch(() => {
          if (cached === attempt) cached = undefined;
        });
      }
      return cached;
    },
  };
}
