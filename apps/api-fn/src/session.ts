// Bearer-token check of the reporting routes: a missing, expired or forged token is a 401 with its own code.
import type { RequestContext } from './context';
import { unauthorized } from './errors';

/** The signed-in user behind a request. */
export interface Session {
  username: string;
}

/**
 * Verifies the request's `Authorization: Bearer <token>` and returns who it belongs to; throws a 401
 * ApiError (`missing_token`, `expired_token`, `invalid_token`) otherwise.
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
 * and returns who it belongs to; throws a 401 ApiError (`expired_token`, `invalid_token`) otherwise.
 * @example const session = await verifySessionToken(ctx, body.token);
 */
export async function verifySessionToken(ctx: RequestContext, token: string): Promise<Session> {
  const key = await ctx.authKey.get();
  const { verifyToken } = await import('@footfall/tokens');
  const verified = verifyToken(token, { key, now: new Date(ctx.now()) });
  if (!verified.ok) {
    // The reason stays in the log (for diagnosis); the token itself never does.
    ctx.log.info('token rejected', { reason: verified.error.reason });
    if (verified.error.reason === 'expired')
      throw unauthorized('expired_token', 'The session has expired; sign in again.');
    throw unauthorized('invalid_token', 'The token is not valid; sign in again.');
  }
  const sub = verified.value.claims.sub;
  if (typeof sub !== 'string' || sub === '') throw unauthorized('invalid_token', 'The token names no user.');
  return { username: sub };
}
