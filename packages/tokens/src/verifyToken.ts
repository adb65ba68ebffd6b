// Verifying session tokens: authenticity, expiry and the one reason a token is refused.

import type { Result } from '@footfall/kernel';
import { TokenRejectedError, TokensUsageError } from './errors';
import { type OpenedToken, openFernet } from './fernetToken';
import { FernetKey } from './keys';
import { decodeSessionPayload } from './sessionPayload';
import type { VerifiedToken } from './types';

/** Options of `verifyToken`. */
export interface VerifyTokenOptions {
  /** The key, or every key of a keyring (newest first); a token made under any of them is accepted. */
  key: FernetKey | readonly FernetKey[];
  /** The time to check expiry against; defaults to the current clock. */
  now?: Date;
}

/**
 * Verifies a session token made by `issueToken` and returns its claims, or the reason it is refused.
 *
 * Checks run in this order and the first failure names the reason:
 * 1. `malformed`: not a string, over 16 KiB, not canonical URL-safe base64 with padding, a byte length
 *    no Fernet token has (under 73 bytes, or ciphertext not whole 16-byte blocks), or a version byte
 *    other than 0x80 on a token that does not carry this key's id.
 * 2. `tampered`: the token carries this key's id (IV bytes 0–3, which `issueToken` stamps there) but
 *    its version byte or HMAC is wrong: it was issued under this key and changed afterwards (a flipped
 *    bit, a splice, or a truncation that happens to leave a well-formed length).
 * 3. `wrong_key`: the HMAC fails and the IV does not carry this key's id: made under another key
 *    (a rotated-out key, another deployment, or any other Fernet issuer).
 * 4. `expired`: authentic, but the current second is past `expiresAt`, or the token is dated more
 *    than 60 s in the future (the Fernet spec's clock-skew allowance).
 * 5. `malformed` again for an authentic token whose padding or JSON payload is broken: only a key
 *    holder can make one, so it is a faulty issuer rather than an attacker.
 *
 * With several keys (a keyring after rotation, newest first), a token opens under the first key that
 * authenticates it; it is `wrong_key` only when none does, and any other reason is final, since the key
 * id or the structure already decided it.
 *
 * Limits of the rule: cryptography cannot tell "altered" from "another key"; the 4-byte key id is a
 * hint, not proof. A flip inside those 4 IV bytes reads as `wrong_key`, a foreign token carries our
 * id by chance with odds 2^-32, tokens sealed under this key by other software (no key id) read as
 * `wrong_key` when altered, and an attacker can choose which of the two reasons they get. Every
 * reason means the same thing to a caller (401); the reason is for logs and diagnostics only.
 * @example
 * const result = verifyToken(bearer, { key });
 * if (!result.ok) return unauthorized(result.error.reason);
 */
export function verifyToken(
  token: unknown,
  { key, now = new Date() }: VerifyTokenOptions,
): Result<VerifiedToken, TokenRejectedError> {
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new TokensUsageError('now must be a valid date');
  const nowSeconds = Math.floor(nowMs / 1000);
  const keys = key instanceof FernetKey ? [key] : key;
  if (keys.length === 0) throw new TokensUsageError('verifyToken needs at least one key');
  let opened: Result<OpenedToken, TokenRejectedError> = {
    ok: false,
    error: new TokenRejectedError('wrong_key', 'token was not signed with any of these keys'),
  };
  for (const candidate of keys) {
    opened = openFernet(token, candidate, { nowSeconds });
    if (opened.ok || opened.error.reason !== 'wrong_key') break;
  }
  if (!opened.ok) return opened;

  const payload = decodeSessionPayload(opened.value.plaintext);
  if (!payload.ok) return { ok: false, error: new TokenRejectedError('malformed', payload.error) };
  const { expiresAtSeconds, claims } = payload.value;
  if (nowSeconds > expiresAtSeconds) {
    return {
      ok: false,
      error: new TokenRejectedError('expired', `token expired ${nowSeconds - expiresAtSeconds} s ago`),
    };
  }
  return {
    ok: true,
    value: {
      claims,
      issuedAt: new Date(opened.value.issuedAtSeconds * 1000),
      expiresAt: new Date(expiresAtSeconds * 1000),
    },
  };
}
