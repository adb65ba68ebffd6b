// Issuing session tokens: claims plus an expiry, sealed as a Fernet token under the server's key.

import { randomBytes } from 'node:crypto';
import { TokensUsageError } from './errors';
import { sealFernet } from './fernetToken';
import { type FernetKey, keyMaterial } from './keys';
import { encodeSessionPayload } from './sessionPayload';

/** Options of `issueToken`. */
export interface IssueTokenOptions {
  key: FernetKey;
  /** How long the token is accepted, in whole seconds (SPEC: 12 h by default, chosen by the caller). */
  ttlSeconds: number;
  /** The issue time; defaults to the current clock. */
  now?: Date;
}

/**
 * Issues a Fernet session token carrying `claims` (a plain JSON object) that `verifyToken` accepts
 * for `ttlSeconds`.
 *
 * The IV is 16 bytes from `crypto.randomBytes` whose first 4 bytes are then replaced by the key id
 * (see `verifyToken`): 96 random bits remain, so the IV stays unguessable as CBC requires, and the
 * token stays plain Fernet that any implementation (e.g. Python's `cryptography`) opens with the key.
 * @example const token = issueToken({ sub: 'alice' }, { key, ttlSeconds: 12 * 3600 });
 */
export function issueToken(claims: object, { key, ttlSeconds, now = new Date() }: IssueTokenOptions): string {
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new TokensUsageError(`ttlSeconds must be a positive whole number, got ${ttlSeconds}`);
  }
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs) || nowMs < 0) throw new TokensUsageError('now must be a valid date after 1970');
  const issuedAtSeconds = Math.floor(nowMs / 1000);
  const payload = encodeSessionPayload({ expiresAtSeconds: issuedAtSeconds + ttlSeconds, claims });

  const iv = randomBytes(16);
  keyMaterial(key).keyId.copy(iv, 0);
  return sealFernet(payload, key, { iv, issuedAtSeconds });
}
