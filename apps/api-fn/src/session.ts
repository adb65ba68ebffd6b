// Bearer-token check of the reporting routes: a missing, expired, forged or revoked token is a 401 with its own code.
import { type Role, roleOf } from '@footfall/core-model';
import type { RequestContext } from './context';
import { unauthorized } from './errors';
import { decodeSessionClaims } from './sessionClaims';

/** The signed-in user behind a request. */
export interface Session {
  username: string;
  role: Role;
  /** The sites a viewer may read (an admin reads every site). */
  sites: readonly string[];
}

/**
 * Verifies the request's `Authorization: Bearer <token>` under the session keys, then checks that its user
 * still exists with the incarnation and session epoch the token names (cached per container, at most
 * SESSION_CACHE_SECONDS old). Throws a 401 ApiError (`missing_token`, `expired_token`, `invalid_token`,
 * `revoked_token`) otherwise.
 * @example const session = await requireSession(ctx);
 */
export async function requireSession(ctx: RequestContext): Promise<Session> {
  const header = ctx.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1])
    throw unauthorized('missing_token', 'Sign in and send the token as Authorization: Bearer.');
  return verifySessionToken(ctx, match[1]);
}

/**
 * Verifies a session token however the request carried it (the original dashboard sends it in the JSON body)
 * under the session keys, then checks that its user still exists with the incarnation and session epoch the
 * token names; returns who it belongs to, or throws a 401 ApiError (`expired_token`, `invalid_token`,
 * `revoked_token`).
 * @example const session = await verifySessionToken(ctx, body.token);
 */
export async function verifySessionToken(ctx: RequestContext, token: string): Promise<Session> {
  const keys = await ctx.authKey.get();
  const { verifyToken } = await import('@footfall/tokens');
  const verified = verifyToken(token, { key: keys.all, now: new Date(ctx.now()) });
  if (!verified.ok) {
    // The reason stays in the log (for diagnosis); the token itself never does.
    ctx.log.info('token rejected', { reason: verified.error.reason });
    if (verified.error.reason === 'expired')
      throw unauthorized('expired_token', 'The session has expired; sign in again.');
    throw unauthorized('invalid_token', 'The token is not valid; sign in again.');
  }
  const claims = decodeSessionClaims(verified.value.claims);
  if (!claims.ok) {
    ctx.log.info('token rejected', { reason: claims.error });
    throw unauthorized('invalid_token', 'The token is not valid; sign in again.');
  }
  const { sub, created, epoch } = claims.value;
  const state = await ctx.sessions.lookup(ctx, sub);
  if (state === null || state.createdAt !== created || state.sessionEpoch !== epoch) {
    ctx.log.info('token rejected', { reason: state === null ? 'no_such_user' : 'revoked', user: sub });
    throw unauthorized('revoked_token', 'This session was ended; sign in again.');
  }
  return { username: sub, role: roleOf(state), sites: state.sites ?? [] };
}
