// The claims inside a session token: who it is for, and which incarnation and session epoch of that user.
import type { User } from '@footfall/core-model';
import { err, ok, type Result } from '@footfall/kernel';

/**
 * What a session token names. `created` tells a user removed and added again (a new CreatedAt) from the one
 * the token was issued to; `epoch` is the user's session epoch at sign-in, which revocation bumps.
 */
export interface SessionClaims {
  sub: string;
  created: number;
  epoch: number;
}

/** The claims of a token issued to `user` now. */
export const sessionClaimsOf = (user: User): SessionClaims => ({
  sub: user.username,
  created: user.createdAt,
  epoch: user.sessionEpoch,
});

const wholeNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * Reads the claims of an authentic token; a token without them (issued before epochs existed, or by other
 * software holding the key) is refused, so its holder signs in again once.
 */
export function decodeSessionClaims(claims: Record<string, unknown>): Result<SessionClaims, string> {
  const { sub, created, epoch } = claims;
  if (typeof sub !== 'string' || sub === '') return err('the token names no user');
  if (!wholeNumber(created) || !wholeNumber(epoch)) return err('the token names no session epoch');
  return ok({ sub, created, epoch });
}
