// Shared shapes of the tokens package: the result type, token claims and the options of each call.

import type { FernetKey } from './keys';

/** A success carrying a value, or a failure carrying an error. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** What a session token carries: a JSON object chosen by the caller (e.g. `{ sub: 'alice' }`). */
export type TokenClaims = Record<string, unknown>;

/** Why a token was rejected; see `verifyToken` for the exact rule behind each reason. */
export type TokenFailureReason = 'expired' | 'tampered' | 'malformed' | 'wrong_key';

/** A token that passed every check. */
export interface VerifiedToken {
  claims: TokenClaims;
  /** The Fernet timestamp, whole seconds. */
  issuedAt: Date;
  /** The last instant the token is accepted (inclusive), whole seconds. */
  expiresAt: Date;
}

/** Why a password check did not succeed. */
export type PasswordFailureReason = 'mismatch' | 'malformed_hash';

/** A password that matched its stored hash. */
export interface PasswordMatch {
  /** True when the stored hash is weaker than what `hashPassword` writes today: store a fresh one. */
  needsRehash: boolean;
}

/** Options of `issueToken`. */
export interface IssueTokenOptions {
  key: FernetKey;
  /** How long the token is accepted, in whole seconds (SPEC: 12 h by default, chosen by the caller). */
  ttlSeconds: number;
  /** The issue time; defaults to the current clock. */
  now?: Date;
}

/** Options of `verifyToken`. */
export interface VerifyTokenOptions {
  /** The key, or every key of a keyring (newest first); a token made under any of them is accepted. */
  key: FernetKey | readonly FernetKey[];
  /** The time to check expiry against; defaults to the current clock. */
  now?: Date;
}

/** Options of `hashPassword` and `needsRehash`. */
export interface PasswordHashOptions {
  /** PBKDF2 rounds; at least (and by default) 600,000, OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
  iterations?: number;
}
