// POST /api/auth/signin: an attempt reserved atomically in the username's throttle, the password check, a token.
import { DeleteItemCommand, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  decodeThrottle,
  decodeUser,
  normaliseUsername,
  passwordHashUpgrade,
  SIGNIN_MAX_FAILURES,
  SIGNIN_WINDOW_MS,
  type SigninResponse,
  type SigninThrottle,
  signinBody,
  throttleKey,
  throttleReservation,
  throttleRestart,
  USERNAME_PATTERN,
  type User,
  userKey,
} from '@footfall/core-model';
import { isConditionalCheckFailed } from '../awsErrors';
import { addCapacity, type RequestContext, type RouteHandler } from '../context';
import { ApiError, ServiceUnavailableError } from '../errors';
import { json, readJsonBody } from '../http';
import { errorFields } from '../logger';
import { sessionClaimsOf } from '../sessionClaims';
import { validate } from '../validation';

/** The one answer to a wrong password and to an unknown user, so neither reveals which usernames exist. */
const invalidCredentials = () => new ApiError(401, 'invalid_credentials', 'Wrong username or password.');

/**
 * Rounds of reserve → restart a sign-in may go through. Each round that fails lost a race to another
 * request that changed the throttle, so two or three rounds settle any real contention.
 */
const MAX_RESERVATION_ROUNDS = 4;

/**
 * Whether a username is locked out at `now` and for how many more seconds (SPEC §3: five attempts within
 * the window lock the username until the window passes).
 */
export function lockout(throttle: SigninThrottle | undefined, now: number): number | undefined {
  if (!throttle || throttle.failures < SIGNIN_MAX_FAILURES) return undefined;
  const until = throttle.windowStart + SIGNIN_WINDOW_MS;
  return now < until ? Math.max(1, Math.ceil((until - now) / 1000)) : undefined;
}

/** What reserving an attempt came to: a reserved attempt (its number in the window), or a lock-out. */
export type Reservation = { kind: 'reserved'; attempt: number } | { kind: 'locked'; retryAfter: number };

async function send(ctx: RequestContext, command: UpdateItemCommand): Promise<number | undefined> {
  const out = await ctx.dynamodb.send(command);
  addCapacity(ctx, 'writeUnits', out.ConsumedCapacity);
  const failures = out.Attributes?.Failures?.N;
  return failures === undefined ? undefined : Number(failures);
}

/** The throttle as it is now (after a refused reservation), or undefined; `unreadable` when it does not decode. */
async function readThrottle(
  ctx: RequestContext,
  username: string,
): Promise<SigninThrottle | 'unreadable' | undefined> {
  const out = await ctx.dynamodb.send(
    new GetItemCommand({
      TableName: ctx.config.tableName,
      Key: throttleKey(username),
      ConsistentRead: true,
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  addCapacity(ctx, 'readUnits', out.ConsumedCapacity);
  if (!out.Item) return undefined;
  const decoded = decodeThrottle(out.Item);
  if (decoded.ok) return decoded.value;
  ctx.log.warn('unreadable sign-in throttle item is restarted', { error: decoded.error.message });
  return 'unreadable';
}

/**
 * Reserves one sign-in attempt before any password is checked. The reservation is a single conditional ADD,
 * so however requests interleave, at most SIGNIN_MAX_FAILURES succeed in one window. When it is refused, a
 * read tells a lock-out (answer 429) from a window that is over, which is restarted with a write conditional
 * on that same window, so of several requests at the boundary only one restarts it and the others count in
 * the new window. Every decision is made by a condition in DynamoDB; the read only picks the next step.
 */
export async function reserveAttempt(ctx: RequestContext, username: string): Promise<Reservation> {
  for (let round = 0; round < MAX_RESERVATION_ROUNDS; round++) {
    const now = ctx.now();
    try {
      const attempt = await send(
        ctx,
        new UpdateItemCommand({
          TableName: ctx.config.tableName,
          ...throttleReservation(username, now),
          ReturnValues: 'UPDATED_NEW',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      return { kind: 'reserved', attempt: attempt ?? 1 };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    const throttle = await readThrottle(ctx, username);
    if (throttle === undefined) continue; // Deleted meanwhile (a success, or TTL): reserve again.
    if (throttle !== 'unreadable') {
      const retryAfter = lockout(throttle, now);
      if (retryAfter !== undefined) return { kind: 'locked', retryAfter };
      // Not locked yet the reservation was refused: another request changed the window; try again.
      if (now < throttle.windowStart + SIGNIN_WINDOW_MS) continue;
    }
    try {
      await send(
        ctx,
        new UpdateItemCommand({
          TableName: ctx.config.tableName,
          ...throttleRestart(username, now, throttle === 'unreadable' ? undefined : throttle.windowStart),
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      return { kind: 'reserved', attempt: 1 };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      // Another request restarted the window first: reserve in the new one.
    }
  }
  ctx.log.warn('sign-in throttle kept changing; attempt refused', { rounds: MAX_RESERVATION_ROUNDS });
  throw new ServiceUnavailableError(1);
}

async function readUser(ctx: RequestContext, username: string): Promise<User | undefined> {
  if (!USERNAME_PATTERN.test(username)) return undefined;
  const out = await ctx.dynamodb.send(
    new GetItemCommand({
      TableName: ctx.config.tableName,
      Key: userKey(username),
      ConsistentRead: true,
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  addCapacity(ctx, 'readUnits', out.ConsumedCapacity);
  if (!out.Item) return undefined;
  const decoded = decodeUser(out.Item);
  if (decoded.ok) return decoded.value;
  ctx.log.warn('unreadable user item treated as unknown user', { error: decoded.error.message });
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
    const out = await ctx.dynamodb.send(
      new UpdateItemCommand({
        TableName: ctx.config.tableName,
        ...passwordHashUpgrade(user.username, user.passwordHash, passwordHash),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    addCapacity(ctx, 'writeUnits', out.ConsumedCapacity);
    ctx.log.info('password hash upgraded to the current PBKDF2 rounds', { user: user.username });
  } catch (error) {
    if (isConditionalCheckFailed(error)) {
      ctx.log.info('password hash changed meanwhile; upgrade skipped', { user: user.username });
      return;
    }
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
  const cleared = await ctx.dynamodb.send(
    new DeleteItemCommand({
      TableName: ctx.config.tableName,
      Key: throttleKey(username),
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  addCapacity(ctx, 'writeUnits', cleared.ConsumedCapacity);
  const keys = await ctx.authKey.get();
  const ttlSeconds = ctx.config.tokenTtlSeconds;
  const issuedAt = new Date(ctx.now());
  const token = tokens.issueToken(sessionClaimsOf(user), { key: keys.current, ttlSeconds, now: issuedAt });
  ctx.sessions.remember(
    user.username,
    { createdAt: user.createdAt, sessionEpoch: user.sessionEpoch },
    issuedAt.getTime(),
  );
  const expiresAt = new Date((Math.floor(issuedAt.getTime() / 1000) + ttlSeconds) * 1000).toISOString();
  ctx.log.info('signed in', { user: user.username });
  const response: SigninResponse = { token, expiresAt };
  return json(200, response);
};
