// The Fernet token format itself (spec: github.com/fernet/spec): sealing bytes into a token and opening one.
//
// Sealing goes through the `fernet` package's primitives (AES-CBC, HMAC, token layout), but never
// through its `Token` class: fernet 0.4.0 turns an explicit `iv` option into the array *indices*
// (every token would get IV 00 01 … 0f) and ignores a numeric `time`, so we hand it the IV and time
// as ready-made WordArrays. Opening is done here with node:crypto because the package's decoder reads
// the clock itself, does not check PKCS#7 padding and reports every failure as a bare Error.

import { createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import type { Result } from '@footfall/kernel';
import fernet from 'fernet';
import { decodeBase64UrlPadded } from './base64';
import { TokenRejectedError, TokensUsageError } from './errors';
import { type FernetKey, KEY_ID_BYTES, keyMaterial } from './keys';

const VERSION = 0x80;
const VERSION_BYTES = 1;
const TIME_BYTES = 8;
const IV_BYTES = 16;
const BLOCK_BYTES = 16;
const HMAC_BYTES = 32;
const HEADER_BYTES = VERSION_BYTES + TIME_BYTES + IV_BYTES;
const MIN_TOKEN_BYTES = HEADER_BYTES + BLOCK_BYTES + HMAC_BYTES;

/** Longest token text we look at; session claims are tiny, so anything longer is junk. */
export const MAX_TOKEN_CHARS = 16 * 1024;

/** How far in the future a token's timestamp may lie, as the Fernet spec allows for clock skew. */
export const MAX_CLOCK_SKEW_SECONDS = 60;

/** Inputs that make sealing deterministic; `issueToken` supplies a fresh random IV each time. */
export interface SealOptions {
  iv: Uint8Array;
  issuedAtSeconds: number;
}

/** The authenticated content of a token. */
export interface OpenedToken {
  plaintext: Buffer;
  issuedAtSeconds: number;
}

/** What opening depends on besides the key: the clock, and (for the spec's vectors) a TTL. */
export interface OpenOptions {
  nowSeconds: number;
  /** Reject tokens whose timestamp is more than this many seconds old; omit to leave expiry to the caller. */
  ttlSeconds?: number;
}

const words = (bytes: Uint8Array) => fernet.Hex.parse(Buffer.from(bytes).toString('hex'));

/** Seals `plaintext` into a Fernet token with the given IV and timestamp (deterministic). */
export function sealFernet(
  plaintext: Uint8Array,
  key: FernetKey,
  { iv, issuedAtSeconds }: SealOptions,
): string {
  if (iv.length !== IV_BYTES) {
    throw new TokensUsageError(`a Fernet IV has ${IV_BYTES} bytes, got ${iv.length}`);
  }
  if (!Number.isSafeInteger(issuedAtSeconds) || issuedAtSeconds < 0) {
    throw new TokensUsageError(
      `a Fernet timestamp is a non-negative whole number of seconds, got ${issuedAtSeconds}`,
    );
  }
  const { signingKey, encryptionKey } = keyMaterial(key);
  const time = Buffer.alloc(TIME_BYTES);
  time.writeBigUInt64BE(BigInt(issuedAtSeconds));
  const ivWords = words(iv);
  const cipherText = fernet.encryptMessage(words(plaintext), words(encryptionKey), ivWords);
  return fernet.createToken(words(signingKey), words(time), ivWords, cipherText);
}

const reject = (reason: TokenRejectedError['reason'], message: string) => ({
  ok: false as const,
  error: new TokenRejectedError(reason, message),
});

/**
 * Opens a Fernet token: structure, version, HMAC (constant time), timestamp, then decryption.
 * The rule that picks each rejection reason is documented on `verifyToken`.
 */
export function openFernet(
  token: unknown,
  key: FernetKey,
  { nowSeconds, ttlSeconds }: OpenOptions,
): Result<OpenedToken, TokenRejectedError> {
  if (typeof token !== 'string') return reject('malformed', `token must be a string, got ${typeof token}`);
  if (token.length > MAX_TOKEN_CHARS) {
    return reject('malformed', `token is longer than ${MAX_TOKEN_CHARS} characters`);
  }
  const bytes = decodeBase64UrlPadded(token);
  if (bytes === undefined) return reject('malformed', 'token is not URL-safe base64 with padding');
  if (bytes.length < MIN_TOKEN_BYTES || (bytes.length - HEADER_BYTES - HMAC_BYTES) % BLOCK_BYTES !== 0) {
    return reject('malformed', `token has ${bytes.length} bytes, which no Fernet token has`);
  }

  const { signingKey, encryptionKey, keyId } = keyMaterial(key);
  const iv = bytes.subarray(VERSION_BYTES + TIME_BYTES, HEADER_BYTES);
  // Our tokens carry the key id in their IV; a token that has it was issued under this key.
  const issuedUnderThisKey = iv.subarray(0, KEY_ID_BYTES).equals(keyId);

  if (bytes[0] !== VERSION) {
    return issuedUnderThisKey
      ? reject('tampered', 'token version byte was altered')
      : reject('malformed', `token version is 0x${bytes[0]?.toString(16)}, expected 0x80`);
  }

  const signed = bytes.subarray(0, bytes.length - HMAC_BYTES);
  const expected = createHmac('sha256', signingKey).update(signed).digest();
  if (!timingSafeEqual(expected, bytes.subarray(bytes.length - HMAC_BYTES))) {
    return issuedUnderThisKey
      ? reject('tampered', 'token signature does not match its content')
      : reject('wrong_key', 'token was not signed with this key');
  }

  const issuedAt = bytes.readBigUInt64BE(VERSION_BYTES);
  const now = BigInt(nowSeconds);
  if (issuedAt > now + BigInt(MAX_CLOCK_SKEW_SECONDS)) {
    return reject(
      'expired',
      `token is dated ${issuedAt - now} s in the future, beyond the clock-skew allowance`,
    );
  }
  if (ttlSeconds !== undefined && issuedAt + BigInt(ttlSeconds) < now) {
    return reject('expired', `token is older than ${ttlSeconds} s`);
  }

  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-128-cbc', encryptionKey, iv);
    plaintext = Buffer.concat([
      decipher.update(bytes.subarray(HEADER_BYTES, signed.length)),
      decipher.final(),
    ]);
  } catch {
    // Only a holder of the key can get here (the HMAC matched), so this is a broken issuer, not an attack.
    return reject('malformed', 'token is signed but its ciphertext padding is invalid');
  }
  return { ok: true, value: { plaintext, issuedAtSeconds: Number(issuedAt) } };
}
