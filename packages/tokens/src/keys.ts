// Fernet keys: generating one, parsing one from configuration, and the key id stamped into token IVs.

import { createHmac, randomBytes } from 'node:crypto';
import type { Result } from '@footfall/kernel';
import { decodeBase64UrlPadded, encodeBase64UrlPadded } from './base64';
import { KeyParseError, TokensError } from './errors';

/** Bytes in a Fernet key: a 16-byte HMAC-SHA256 signing key followed by a 16-byte AES-128 key. */
export const KEY_BYTES = 32;

/** Bytes of the key id; see `keyIdOf`. */
export const KEY_ID_BYTES = 4;

const KEY_ID_LABEL = 'footfall/fernet-key-id/v1';

/** The secret halves of a key; kept out of `FernetKey` itself so logging a key never prints them. */
export interface KeyMaterial {
  signingKey: Buffer;
  encryptionKey: Buffer;
  keyId: Buffer;
}

const materials = new WeakMap<FernetKey, KeyMaterial>();

/**
 * A parsed Fernet key. Its only visible property is `id`, a non-secret fingerprint that is safe to
 * log (e.g. to tell which key a deployment runs with); the secret bytes stay inside this module.
 */
export class FernetKey {
  /** Hex of the key id; derived one-way from the key, so it reveals nothing usable about it. */
  readonly id: string;

  constructor(material: KeyMaterial) {
    this.id = material.keyId.toString('hex');
    materials.set(this, material);
    Object.freeze(this);
  }
}

/**
 * The 4-byte key id: HMAC-SHA256 of a fixed label under the whole key. Tokens we issue carry it in
 * the first bytes of their IV, which is how `verifyToken` tells "altered" from "made with another key".
 */
export function keyIdOf(rawKey: Uint8Array): Buffer {
  return createHmac('sha256', rawKey).update(KEY_ID_LABEL).digest().subarray(0, KEY_ID_BYTES);
}

/** The secret material of a key made by `parseKey`; throws on an object that did not come from it. */
export function keyMaterial(key: FernetKey): KeyMaterial {
  const material = materials.get(key);
  if (material === undefined) throw new TokensError('not a key returned by parseKey');
  return material;
}

/**
 * Generates a fresh Fernet key: 32 bytes from the system CSPRNG, URL-safe base64 with padding.
 * @example const secret = generateKey(); // 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4='
 */
export function generateKey(): string {
  return encodeBase64UrlPadded(randomBytes(KEY_BYTES));
}

/**
 * Parses a Fernet key (44 characters of URL-safe base64 with padding, as `generateKey` and Python's
 * `Fernet.generate_key()` write it).
 * @example const key = parseKey(process.env.TOKEN_KEY); if (!key.ok) throw key.error;
 */
export function parseKey(text: unknown): Result<FernetKey, KeyParseError> {
  if (typeof text !== 'string') {
    return { ok: false, error: new KeyParseError(`a Fernet key must be a string, got ${typeof text}`) };
  }
  const raw = decodeBase64UrlPadded(text);
  if (raw === undefined) {
    return {
      ok: false,
      error: new KeyParseError(
        'a Fernet key must be URL-safe base64 with padding (44 characters ending in =)',
      ),
    };
  }
  if (raw.length !== KEY_BYTES) {
    return {
      ok: false,
      error: new KeyParseError(`a Fernet key must decode to ${KEY_BYTES} bytes, got ${raw.length}`),
    };
  }
  const key = new FernetKey({
    signingKey: Buffer.from(raw.subarray(0, 16)),
    encryptionKey: Buffer.from(raw.subarray(16)),
    keyId: keyIdOf(raw),
  });
  raw.fill(0);
  return { ok: true, value: key };
}

/** Most keys one keyring may hold: the newest and a few retired ones still verifying their tokens. */
export const MAX_KEYRING_KEYS = 8;

/**
 * The keys of a deployment, newest first: tokens are issued under `current` and verified under any of `all`,
 * so a rotated-out key keeps its tokens working until they expire.
 */
export interface FernetKeyring {
  current: FernetKey;
  /** Every key, `current` first. */
  all: readonly FernetKey[];
}

/**
 * Parses a keyring: Fernet keys separated by newlines, commas or spaces, newest first. A single key (the
 * format before rotation existed) is a keyring of one.
 * @example const ring = parseKeyring(`${newKey}\n${previousKey}`); if (ring.ok) issueToken(c, { key: ring.value.current, … });
 */
export function parseKeyring(text: unknown): Result<FernetKeyring, KeyParseError> {
  if (typeof text !== 'string') {
    return { ok: false, error: new KeyParseError(`a keyring must be a string, got ${typeof text}`) };
  }
  const parts = text.split(/[\s,]+/).filter((part) => part !== '');
  if (parts.length === 0) return { ok: false, error: new KeyParseError('the keyring holds no key') };
  if (parts.length > MAX_KEYRING_KEYS) {
    return {
      ok: false,
      error: new KeyParseError(`a keyring holds at most ${MAX_KEYRING_KEYS} keys, got ${parts.length}`),
    };
  }
  const keys: FernetKey[] = [];
  for (const [index, part] of parts.entries()) {
    const parsed = parseKey(part);
    // The position, never the text: the message may be logged.
    if (!parsed.ok)
      return { ok: false, error: new KeyParseError(`key ${index + 1}: ${parsed.error.message}`) };
    keys.push(parsed.value);
  }
  const [current] = keys;
  if (current === undefined) return { ok: false, error: new KeyParseError('the keyring holds no key') };
  return { ok: true, value: { current, all: keys } };
}
