// POST /api/auth/signin: an attempt reserved atomically in the username's throttle, the password check, a token.
import {
  normaliseUsername,
  type SigninResponse,
  signinBody,
  USERNAME_PATTERN,
  type User,
} from '@footfall/core-model';
import { errorFields } from '@footfall/kernel';
import {
  clearSigninThrottle,
  type Reservation,
  readUser as readStoredUser,
  reserveSigninAttempt,
  upgradePasswordHash as storeHashUpgrade,
} from '@footfall/store';
import { countUnits, type RequestContext, type RouteHandler } from '../context';
import { ApiError, ServiceUnavailableError } from '../errors';
import { json, readJsonBody } from '../http';
import { sessionClaimsOf } from '../sessionClaims';
import { validate } from '../validation';

/** The one answer to a wrong password and to an unknown user, so neither reveals which usernames exist. */
const invalidCredentials = () => new ApiError(401, 'invalid_credentials', 'Wrong username or password.');

/**
 * Reserves one sign-in attempt before any password is checked (store's `reserveSigninAttempt`): a reserved
 * attempt, or a lock-out; a throttle that kept changing under every round is a 503.
 */
export async function reserveAttempt(
  ctx: RequestContext,
  username: string,
): Promise<Exclude<Reservation, { kind: 'contended' }>> {
  const out = await reserveSigninAttempt(ctx.table, username, ctx.now);
  countUnits(ctx, out);
  for (const error of out.unreadable)
    ctx.log.warn('unreadable sign-in throttle item is restarted', { error: error.message });
  if (out.reservation.kind !== 'contended') return out.reservation;
  ctx.log.warn('sign-in throttle kept changing; attempt refused', { rounds: out.reservation.rounds });
  throw new ServiceUnavailableError(1);
}

/** The user signing in, or undefined for a name no user can have, no user, or an item that does not decode. */
async function readUser(ctx: RequestContext, username: string): Promise<User | undefined> {
  if (!USERNAME_PATTERN.test(username)) return undefined;
  const read = await readStoredUser(ctx.table, username);
  countUnits(ctx, read);
  if (read.user === undefined) return undefined;
  if (read.user.ok) return read.user.value;
  ctx.log.warn('unreadable user item treated as unknown user', { error: read.user.error.message });
  return undefined;
}

/**
 * Replaces a user's hash made with fewer PBKDF2 rounds than today's by a fresh one, now that the password is
 * known to be right. Only if the stored hash is still the one just checked, so a concurrent `user passwd`
 * wins. Best effort: a failure is logged (never the password or hash) and the sign-in goes on.
 */
export async function upgradePasswordHash(
  ctx: RequestContext,
  user: User,
  password: string,
  hashPassword: (password: string) => Promise<string>,
): Promise<void> {
  try {
    const passwordHash = await hashPassword(password);
    const out = await storeHashUpgrade(ctx.table, user.username, user.passwordHash, passwordHash);
    countUnits(ctx, out);
    if (out.status === 'upgraded')
      ctx.log.info('password hash upgraded to the current PBKDF2 rounds', { user: user.username });
    else ctx.log.info('password hash changed meanwhile; upgrade skipped', { user: user.username });
  } catch (error) {
    ctx.log.warn('password hash upgrade failed; sign-in goes on', {
      user: user.username,
      ...errorFields(error),
    });
  }
}

/** `POST /api/auth/signin`. */
export const signinRoute: RouteHandler = async (ctx) => {
  const body = readJsonBody(ctx.event, ctx.headers);
  if (!body.ok) throw body.error;
  const creds = validate(signinBody, body.value, 'invalid_body');
  if (!creds.ok) throw creds.error;
  const username = normaliseUsername(creds.value.username);
  const { password } = creds.value;

  // Reserved before the password is looked at: a lock-out refuses even the right password, and no number
  // of parallel requests gets more than five passwords checked per window.
  const reservation = await reserveAttempt(ctx, username);
  if (reservation.kind === 'locked') {
    ctx.log.info('sign-in refused: too many failures');
    throw new ApiError(429, 'too_many_attempts', 'Too many failed sign-ins; try again later.', {
      'retry-after': String(reservation.retryAfter),
    });
  }

  const user = await readUser(ctx, username);
  const tokens = await import('@footfall/tokens');
  // Unknown users cost the same PBKDF2 work as known ones, so timing does not reveal which exist.
  const check = user
    ? await tokens.verifyPassword(password, user.passwordHash)
    : await tokens.verifyPasswordForUnknownUser(password);
  if (!check.ok || !user) {
    ctx.log.info('sign-in failed', {
      attempt: reservation.attempt,
      reason: check.ok ? 'mismatch' : check.error.reason,
    });
    throw invalidCredentials();
  }

  if (tokens.needsRehash(user.passwordHash))
    await upgradePasswordHash(ctx, user, password, (pw) => tokens.hashPassword(pw));

  // A successful sign-in resets the count.
  countUnits(ctx, await clearSigninThrottle(ctx.table, username));
  const keys = await ctx.authKey.get();
  const ttlSeconds = ctx.config.tokenTtlSeconds;
  const issuedAt = new Date(ctx.now());
  const token = tokens.issueToken(sessionClaimsOf(user), { key: keys.current, ttlSeconds, now: issuedAt });
  ctx.sessions.remember(
    user.username,
    { createdAt: user.createdAt, sessionEpoch: user.sessionEpoch, role: user.role, sites: user.sites },
    issuedAt.getTime(),
  );
  const expiresAt = new Date((Math.floor(issuedAt.getTime() / 1000) + ttlSeconds) * 1000).toISOString();
  ctx.log.info('signed in', { user: user.username });
  const response: SigninResponse = { token, expiresAt };
  return json(200, response);
};
