// Shared shapes of the tokens package: token claims, failure reasons and what a password check answers.

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

/** Options of `hashPassword` and `needsRehash`. */
export interface PasswordHashOptions {
  /** PBKDF2 rounds; at least (and by default) 600,000, OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
  iterations?: number;
}
