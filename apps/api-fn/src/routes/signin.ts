// POST /api/auth/signin: password check against the user item, a per-username failure throttle, a Fernet token.
import { DeleteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  decodeThrottle,
  decodeUser,
  encodeThrottle,
  encodeUser,
  SIGNIN_MAX_FAILURES,
  SIGNIN_WINDOW_MS,
  type SigninResponse,
  type SigninThrottle,
  signinBody,
  throttleKey,
  USERNAME_PATTERN,
  type User,
  userKey,
} from '@footfall/core-model';
import { isConditionalCheckFailed } from '../awsErrors';
import { addCapacity, type RequestContext, type RouteHandler } from '../context';
import { ApiError } from '../errors';
import { json, readJsonBody } from '../http';
import { errorFields } from '../logger';
import { validate } from '../validation';

/** The one answer to a wrong password and to an unknown user, so neither reveals which usernames exist. */
const invalidCredentials = () => new ApiError(401, 'invalid_credentials', 'Wrong username or password.');

/**
 * Whether a username is locked out at `now` and for how many more seconds (SPEC §3: five failures within
 * the window lock the username until the window passes).
 */
export function lockout(throttle: SigninThrottle | undefined, now: number): number | undefined {
  if (!throttle || throttle.failures < SIGNIN_MAX_FAILURES) return undefined;
  const until = throttle.windowStart + SIGNIN_WINDOW_MS;
  return now < until ? Math.max(1, Math.ceil((until - now) / 1000)) : undefined;
}

/** The throttle after one more failure: counted in the current window, or the first of a new one. */
export function afterFailure(
  throttle: SigninThrottle | undefined,
  username: string,
  now: number,
): SigninThrottle {
  if (throttle && now < throttle.windowStart + SIGNIN_WINDOW_MS)
    return { username, failures: throttle.failures + 1, windowStart: throttle.windowStart };
  return { username, failures: 1, windowStart: now };
}

async function readThrottle(ctx: RequestContext, username: string): Promise<SigninThrottle | undefined> {
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
  ctx.log.warn('unreadable sign-in throttle item ignored', { error: decoded.error.message });
  return undefined;
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
      new PutItemCommand({
        TableName: ctx.config.tableName,
        Item: encodeUser({ ...user, passwordHash }),
        ConditionExpression: '#h = :old',
        ExpressionAttributeNames: { '#h': 'PasswordHash' },
        ExpressionAttributeValues: { ':old': { S: user.passwordHash } },
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
  const { username, password } = creds.value;
  const now = ctx.now();

  const [throttle, user] = await Promise.all([readThrottle(ctx, username), readUser(ctx, username)]);
  const wait = lockout(throttle, now);
  if (wait !== undefined) {
    ctx.log.info('sign-in refused: too many failures');
    throw new ApiError(429, 'too_many_attempts', 'Too many failed sign-ins; try again later.', {
      'retry-after': String(wait),
    });
  }

  const tokens = await import('@footfall/tokens');
  // Unknown users cost the same PBKDF2 work as known ones, so timing does not reveal which exist.
  const check = user
    ? await tokens.verifyPassword(password, user.passwordHash)
    : await tokens.verifyPasswordForUnknownUser(password);
  if (!check.ok) {
    const next = afterFailure(throttle, username, now);
    const out = await ctx.dynamodb.send(
      new PutItemCommand({
        TableName: ctx.config.tableName,
        Item: encodeThrottle(next),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    addCapacity(ctx, 'writeUnits', out.ConsumedCapacity);
    ctx.log.info('sign-in failed', { failures: next.failures, reason: check.error.reason });
    throw invalidCredentials();
  }

  if (user && tokens.needsRehash(user.passwordHash))
    await upgradePasswordHash(ctx, user, password, (pw) => tokens.hashPassword(pw));

  if (throttle) {
    const out = await ctx.dynamodb.send(
      new DeleteItemCommand({
        TableName: ctx.config.tableName,
        Key: throttleKey(username),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    addCapacity(ctx, 'writeUnits', out.ConsumedCapacity);
  }
  const key = await ctx.authKey.get();
  const ttlSeconds = ctx.config.tokenTtlSeconds;
  const issuedAt = new Date(ctx.now());
  const token = tokens.issueToken({ sub: username }, { key, ttlSeconds, now: issuedAt });
  const expiresAt = new Date((Math.floor(issuedAt.getTime() / 1000) + ttlSeconds) * 1000).toISOString();
  ctx.log.info('signed in', { user: username });
  const response: SigninResponse = { token, expiresAt };
  return json(200, response);
};
