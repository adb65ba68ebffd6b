// The plaintext inside a session token: `{"exp": <unix seconds>, "claims": {...}}` as UTF-8 JSON.
//
// Fernet only records when a token was issued; the expiry travels inside the encrypted payload so
// that the issuer alone decides a token's lifetime and `verifyToken` needs no TTL setting.

import type { Result } from '@footfall/kernel';
import { TokensUsageError } from './errors';
import type { TokenClaims } from './types';

/** The decoded payload of a session token. */
export interface SessionPayload {
  expiresAtSeconds: number;
  claims: TokenClaims;
}

const isPlainObject = (value: unknown): value is TokenClaims =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Serialises claims and expiry; throws `TokensUsageError` for claims JSON cannot represent. */
export function encodeSessionPayload({
  expiresAtSeconds,
  claims,
}: {
  expiresAtSeconds: number;
  claims: object;
}): Buffer {
  if (!isPlainObject(claims)) throw new TokensUsageError('token claims must be a plain JSON object');
  try {
    return Buffer.from(JSON.stringify({ exp: expiresAtSeconds, claims }), 'utf8');
  } catch (cause) {
    throw new TokensUsageError('token claims cannot be serialised as JSON', { cause });
  }
}

/** Reads a payload back, or returns a description of what is wrong with it. */
export function decodeSessionPayload(bytes: Uint8Array): Result<SessionPayload, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, error: 'token payload is not UTF-8 JSON' };
  }
  if (!isPlainObject(parsed)) return { ok: false, error: 'token payload is not a JSON object' };
  const { exp, claims } = parsed;
  if (typeof exp !== 'number' || !Number.isSafeInteger(exp)) {
    return { ok: false, error: 'token payload has no whole-second "exp"' };
  }
  if (!isPlainObject(claims)) return { ok: false, error: 'token payload has no "claims" object' };
  return { ok: true, value: { expiresAtSeconds: exp, claims } };
}
