// POST /api/auth/signin with a mocked table: tokens, same answer for unknown users, the failure throttle.
import { DeleteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  decodeThrottle,
  encodeThrottle,
  encodeUser,
  SIGNIN_MAX_FAILURES,
  SIGNIN_WINDOW_MS,
  throttleKey,
  userKey,
} from '@footfall/core-model';
import { DEFAULT_ITERATIONS, hashPassword, parseKey, verifyPassword, verifyToken } from '@footfall/tokens';
import { afterFailure, lockout } from '../../src/routes/signin';
import { httpEvent } from '../../src/testing';
import { AUTH_KEY, bodyOf, errorCode, NOW, testApi } from '../helpers/api';
import { iterationsOf, legacyHash } from '../helpers/legacyHash';
import { awsError, mockedDynamo } from '../helpers/mockTable';

jest.setTimeout(30_000);

const PASSWORD = 'correct horse battery staple';
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

const signin = (username: string, password: string) =>
  httpEvent({ method: 'POST', path: '/api/auth/signin', body: { username, password } });

function tableWithAdmin(throttle?: { failures: number; windowStart: number }, storedHash = passwordHash) {
  const { client, mock } = mockedDynamo();
  mock.on(GetItemCommand).resolves({});
  mock
    .on(GetItemCommand, { Key: userKey('admin') })
    .resolves({ Item: encodeUser({ username: 'admin', passwordHash: storedHash, createdAt: NOW }) });
  if (throttle)
    mock
      .on(GetItemCommand, { Key: throttleKey('admin') })
      .resolves({ Item: encodeThrottle({ username: 'admin', ...throttle }) });
  mock.on(PutItemCommand).resolves({});
  mock.on(DeleteItemCommand).resolves({});
  return { client, mock };
}

describe('POST /api/auth/signin', () => {
  it('answers a Fernet token for the user, valid for the configured TTL', async () => {
    // Prepare
    const { client } = tableWithAdmin();
    const { handler } = testApi(client);

    // Act
    const response = await handler(signin('admin', PASSWORD));

    // Assess
    expect(response.statusCode).toBe(200);
    const body = bodyOf(response) as { token: string; expiresAt: string };
    expect(body.expiresAt).toBe(new Date(NOW + 43_200_000).toISOString());
    const key = parseKey(AUTH_KEY);
    if (!key.ok) throw key.error;
    const verified = verifyToken(body.token, { key: key.value, now: new Date(NOW) });
    expect(verified.ok && verified.value.claims).toEqual({ sub: 'admin' });
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    // Prepare
    const { client } = tableWithAdmin();
    const { handler } = testApi(client);

    // Act
    const wrong = await handler(signin('admin', 'guess'));
    const unknown = await handler(signin('mallory', 'guess'));

    // Assess
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(errorCode(wrong)).toBe('invalid_credentials');
  });

  it('records each failure in the username throttle item', async () => {
    // Prepare
    const { client, mock } = tableWithAdmin({ failures: 2, windowStart: NOW - 60_000 });
    const { handler } = testApi(client);

    // Act
    await handler(signin('admin', 'guess'));

    // Assess
    const written = decodeThrottle(mock.commandCalls(PutItemCommand)[0]?.args[0].input.Item);
    expect(written.ok && written.value).toEqual({
      username: 'admin',
      failures: 3,
      windowStart: NOW - 60_000,
    });
  });

  it(`refuses with 429 and Retry-After after ${SIGNIN_MAX_FAILURES} failures in the window, even the right password`, async () => {
    // Prepare
    const windowStart = NOW - 5 * 60_000;
    const { client } = tableWithAdmin({ failures: SIGNIN_MAX_FAILURES, windowStart });
    const { handler } = testApi(client);

    // Act
    const response = await handler(signin('admin', PASSWORD));

    // Assess
    expect(response.statusCode).toBe(429);
    expect(errorCode(response)).toBe('too_many_attempts');
    expect(Number(response.headers['retry-after'])).toBe((windowStart + SIGNIN_WINDOW_MS - NOW) / 1000);
  });

  it('clears the throttle on success', async () => {
    // Prepare
    const { client, mock } = tableWithAdmin({ failures: 2, windowStart: NOW - 60_000 });
    const { handler } = testApi(client);

    // Act
    const response = await handler(signin('admin', PASSWORD));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(mock.commandCalls(DeleteItemCommand)[0]?.args[0].input.Key).toEqual(throttleKey('admin'));
  });

  it('answers 503 when the table is throttled', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(GetItemCommand).rejects(awsError('ProvisionedThroughputExceededException'));
    const { handler } = testApi(client);

    // Act
    const response = await handler(signin('admin', PASSWORD));

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
  });

  it.each([
    ['no password', { username: 'admin' }],
    ['an empty username', { username: '', password: 'x' }],
    ['a number as password', { username: 'admin', password: 1234 }],
  ])('refuses %s with 400', async (_, body) => {
    // Prepare
    const { client, mock } = mockedDynamo();
    const { handler } = testApi(client);

    // Act
    const response = await handler(httpEvent({ method: 'POST', path: '/api/auth/signin', body }));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(mock.calls()).toHaveLength(0);
  });

  it('never logs the password or the token', async () => {
    // Prepare
    const { client } = tableWithAdmin();
    const { handler, logs } = testApi(client);

    // Act
    const ok = await handler(signin('admin', PASSWORD));
    await handler(signin('admin', `${PASSWORD}!`));

    // Assess
    const token = (bodyOf(ok) as { token: string }).token;
    const all = logs.join('\n');
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(token);
    expect(all).not.toContain(AUTH_KEY);
  });
});

/** The PutItem calls that wrote a user item (not a throttle item). */
function userWrites(mock: ReturnType<typeof mockedDynamo>['mock']) {
  return mock
    .commandCalls(PutItemCommand)
    .map((call) => call.args[0].input)
    .filter((input) => input.Item?.Path?.S?.startsWith('user#'));
}

describe('sign-in with a hash of fewer rounds than today', () => {
  it('stores a fresh hash with the current rounds, only if the stored one is unchanged', async () => {
    // Prepare
    const oldHash = legacyHash(PASSWORD);
    const { client, mock } = tableWithAdmin(undefined, oldHash);
    const { handler } = testApi(client);

    // Act
    const response = await handler(signin('admin', PASSWORD));

    // Assess
    expect(response.statusCode).toBe(200);
    const [write, ...more] = userWrites(mock);
    expect(more).toHaveLength(0);
    const newHash = write?.Item?.PasswordHash?.S ?? '';
    expect(iterationsOf(newHash)).toBe(DEFAULT_ITERATIONS);
    expect((await verifyPassword(PASSWORD, newHash)).ok).toBe(true);
    expect(write?.ConditionExpression).toBe('#h = :old');
    expect(write?.ExpressionAttributeValues).toEqual({ ':old': { S: oldHash } });
  });

  it('leaves the hash alone after a wrong password', async () => {
    // Prepare
    const { client, mock } = tableWithAdmin(undefined, legacyHash(PASSWORD));
    const { handler } = testApi(client);

    // Act
    const response = await handler(signin('admin', 'guess'));

    // Assess
    expect(response.statusCode).toBe(401);
    expect(userWrites(mock)).toHaveLength(0);
  });

  it('leaves a hash with the current rounds alone', async () => {
    // Prepare
    const { client, mock } = tableWithAdmin();
    const { handler } = testApi(client);

    // Act
    const response = await handler(signin('admin', PASSWORD));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(userWrites(mock)).toHaveLength(0);
  });

  it.each([
    ['the table is throttled', 'ProvisionedThroughputExceededException'],
    ['a password change got there first', 'ConditionalCheckFailedException'],
  ])('still signs in when the upgrade write fails because %s', async (_, errorName) => {
    // Prepare
    const oldHash = legacyHash(PASSWORD);
    const { client, mock } = tableWithAdmin(undefined, oldHash);
    mock.on(PutItemCommand, { ConditionExpression: '#h = :old' }).rejects(awsError(errorName));
    const { handler, logs } = testApi(client);
    const event = signin('admin', PASSWORD);

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(200);
    expect((bodyOf(response) as { token?: string }).token).toBeDefined();
    const upgradeLine = logs.map((l) => JSON.parse(l)).find((l) => /password hash/.test(l.message));
    expect(upgradeLine?.requestId).toBe(event.requestContext.requestId);
    const all = logs.join('\n');
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(oldHash.split('$').pop());
  });
});

describe('the sign-in throttle rules', () => {
  it('locks only from the fifth failure until the window passes', () => {
    // Prepare
    const start = NOW;
    const four = { username: 'a', failures: SIGNIN_MAX_FAILURES - 1, windowStart: start };
    const five = { ...four, failures: SIGNIN_MAX_FAILURES };

    // Act & Assess
    expect(lockout(four, start + 1000)).toBeUndefined();
    expect(lockout(five, start + 1000)).toBe(SIGNIN_WINDOW_MS / 1000 - 1);
    expect(lockout(five, start + SIGNIN_WINDOW_MS)).toBeUndefined();
  });

  it('starts a new window after the old one passed', () => {
    // Act
    const next = afterFailure(
      { username: 'a', failures: 5, windowStart: NOW },
      'a',
      NOW + SIGNIN_WINDOW_MS + 1,
    );

    // Assess
    expect(next).toEqual({ username: 'a', failures: 1, windowStart: NOW + SIGNIN_WINDOW_MS + 1 });
  });
});
