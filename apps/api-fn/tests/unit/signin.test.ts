// POST /api/auth/signin with a mocked table: the order of its writes and reads, its answers, and its tokens.
// The throttle's behaviour under real concurrency is tested on DynamoDB Local (tests/integration/signin).
import {
  DeleteItemCommand,
  GetItemCommand,
  type GetItemCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  encodeThrottle,
  encodeUser,
  signinLockout as lockout,
  SIGNIN_MAX_FAILURES,
  SIGNIN_WINDOW_MS,
  throttleKey,
  throttleReservation,
  throttleRestart,
  userKey,
} from '@footfall/core-model';
import { httpEvent } from '@footfall/testing';
import { DEFAULT_ITERATIONS, hashPassword, parseKey, verifyPassword, verifyToken } from '@footfall/tokens';
import { AUTH_KEY, bodyOf, errorCode, NOW, testApi, testUser, USER_CREATED_AT } from '../helpers/api';
import { iterationsOf, legacyHash } from '../helpers/legacyHash';
import { awsError, mockedDynamo } from '../helpers/mockTable';

jest.setTimeout(30_000);

const PASSWORD = 'correct horse battery staple';
const RESERVE = throttleReservation('admin', NOW).ConditionExpression;
const RESTART = throttleRestart('admin', NOW, 0).ConditionExpression;
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

const signin = (username: string, password: string) =>
  httpEvent({ method: 'POST', path: '/api/auth/signin', body: { username, password } });

/**
 * A table holding the user `admin` (session epoch 3) whose reservations succeed; `throttle` is what a read
 * of the throttle item finds after a refused reservation.
 */
function tableWithAdmin(
  options: { throttle?: { failures: number; windowStart: number }; storedHash?: string } = {},
) {
  const { client, mock } = mockedDynamo();
  mock.on(GetItemCommand).resolves({});
  mock.on(GetItemCommand, { Key: userKey('admin') }).resolves({
    Item: encodeUser(
      testUser('admin', { passwordHash: options.storedHash ?? passwordHash, sessionEpoch: 3 }),
    ),
  });
  if (options.throttle)
    mock
      .on(GetItemCommand, { Key: throttleKey('admin') })
      .resolves({ Item: encodeThrottle({ username: 'admin', ...options.throttle }) });
  mock.on(UpdateItemCommand).resolves({ Attributes: { Failures: { N: '1' } } });
  mock.on(DeleteItemCommand).resolves({});
  return { client, mock };
}

/** Every call the handler made, as `Command key-path` strings in order. */
function callLog(mock: ReturnType<typeof mockedDynamo>['mock']): string[] {
  return mock.calls().map((call) => {
    const command = call.args[0] as { constructor: { name: string }; input: unknown };
    const input = command.input as GetItemCommandInput | UpdateItemCommandInput;
    return `${command.constructor.name.replace('Command', '')} ${input.Key?.Path?.S ?? '?'}`;
  });
}

describe('POST /api/auth/signin', () => {
  it('answers a Fernet token naming the user, its incarnation and session epoch, for the configured TTL', async () => {
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
    expect(verified.ok && verified.value.claims).toEqual({
      sub: 'admin',
      created: USER_CREATED_AT,
      epoch: 3,
    });
  });

  it('treats the username case-insensitively: ADMIN is admin, and its token names admin', async () => {
    // Prepare
    const { client, mock } = tableWithAdmin();
    const { handler } = testApi(client);

    // Act
    const response = await handler(signin('ADMIN', PASSWORD));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(callLog(mock)).toEqual([
      'UpdateItem signin#admin',
      'GetItem user#admin',
      'DeleteItem signin#admin',
    ]);
  });

  it('reserves an attempt with one conditional write before it reads the user or checks the password', async () => {
    // Prepare
    const { client, mock } = tableWithAdmin();
    const { handler } = testApi(client);

    // Act
    const response = await handler(signin('admin', 'guess'));

    // Assess
    expect(response.statusCode).toBe(401);
    expect(callLog(mock)).toEqual(['UpdateItem signin#admin', 'GetItem user#admin']);
    const reserve = mock.commandCalls(UpdateItemCommand)[0]?.args[0].input;
    expect(reserve).toMatchObject(throttleReservation('admin', NOW));
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

  it(`refuses with 429 and Retry-After once ${SIGNIN_MAX_FAILURES} attempts are reserved, checking no password`, async () => {
    // Prepare
    const windowStart = NOW - 5 * 60_000;
    const { client, mock } = tableWithAdmin({ throttle: { failures: SIGNIN_MAX_FAILURES, windowStart } });
    mock
      .on(UpdateItemCommand, { ConditionExpression: RESERVE })
      .rejects(awsError('ConditionalCheckFailedException'));
    const { handler } = testApi(client);

    // Act
    const response = await handler(signin('admin', PASSWORD));

    // Assess
    expect(response.statusCode).toBe(429);
    expect(errorCode(response)).toBe('too_many_attempts');
    expect(Number(response.headers['retry-after'])).toBe((windowStart + SIGNIN_WINDOW_MS - NOW) / 1000);
    expect(callLog(mock)).toEqual(['UpdateItem signin#admin', 'GetItem signin#admin']);
  });

  it('restarts a window that is over with a write conditional on that window, then checks the password', async () => {
    // Prepare
    const windowStart = NOW - SIGNIN_WINDOW_MS - 1;
    const { client, mock } = tableWithAdmin({ throttle: { failures: SIGNIN_MAX_FAILURES, windowStart } });
    mock
      .on(UpdateItemCommand, { ConditionExpression: RESERVE })
      .rejects(awsError('ConditionalCheckFailedException'));
    const { handler } = testApi(client);

    // Act
    const response = await handler(signin('admin', PASSWORD));

    // Assess
    expect(response.statusCode).toBe(200);
    const restart = mock.commandCalls(UpdateItemCommand)[1]?.args[0].input;
    expect(restart).toMatchObject(throttleRestart('admin', NOW, windowStart));
  });

  it('reserves again in the new window when another request restarted it first', async () => {
    // Prepare
    const windowStart = NOW - SIGNIN_WINDOW_MS - 1;
    const { client, mock } = tableWithAdmin({ throttle: { failures: SIGNIN_MAX_FAILURES, windowStart } });
    mock
      .on(UpdateItemCommand, { ConditionExpression: RESERVE })
      .rejectsOnce(awsError('ConditionalCheckFailedException'))
      .resolves({ Attributes: { Failures: { N: '2' } } });
    mock
      .on(UpdateItemCommand, { ConditionExpression: RESTART })
      .rejects(awsError('ConditionalCheckFailedException'));
    const { handler } = testApi(client);

    // Act
    const response = await handler(signin('admin', 'guess'));

    // Assess
    expect(response.statusCode).toBe(401);
    expect(callLog(mock)).toEqual([
      'UpdateItem signin#admin',
      'GetItem signin#admin',
      'UpdateItem signin#admin',
      'UpdateItem signin#admin',
      'GetItem user#admin',
    ]);
  });

  it('answers 503 rather than loop when the throttle keeps changing under it', async () => {
    // Prepare
    const { client, mock } = tableWithAdmin({ throttle: { failures: 1, windowStart: NOW - 1000 } });
    mock.on(UpdateItemCommand).rejects(awsError('ConditionalCheckFailedException'));
    const { handler } = testApi(client);

    // Act
    const response = await handler(signin('admin', PASSWORD));

    // Assess
    expect(response.statusCode).toBe(503);
    expect(mock.commandCalls(GetItemCommand, { Key: userKey('admin') })).toHaveLength(0);
  });

  it('resets the count on success', async () => {
    // Prepare
    const { client, mock } = tableWithAdmin();
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
    mock.on(UpdateItemCommand).rejects(awsError('ProvisionedThroughputExceededException'));
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

/** The UpdateItem calls that changed a user item (not a throttle item). */
function userWrites(mock: ReturnType<typeof mockedDynamo>['mock']) {
  return mock
    .commandCalls(UpdateItemCommand)
    .map((call) => call.args[0].input)
    .filter((input) => input.Key?.Path?.S?.startsWith('user#'));
}

describe('sign-in with a hash of fewer rounds than today', () => {
  it('updates only the hash, to one with the current rounds, only if the stored one is unchanged', async () => {
    // Prepare
    const oldHash = legacyHash(PASSWORD);
    const { client, mock } = tableWithAdmin({ storedHash: oldHash });
    const { handler } = testApi(client);

    // Act
    const response = await handler(signin('admin', PASSWORD));

    // Assess
    expect(response.statusCode).toBe(200);
    const [write, ...more] = userWrites(mock);
    expect(more).toHaveLength(0);
    const newHash = write?.ExpressionAttributeValues?.[':new']?.S ?? '';
    expect(iterationsOf(newHash)).toBe(DEFAULT_ITERATIONS);
    expect((await verifyPassword(PASSWORD, newHash)).ok).toBe(true);
    expect(write?.UpdateExpression).toBe('SET #h = :new');
    expect(write?.ConditionExpression).toBe('#h = :old');
    expect(write?.ExpressionAttributeValues?.[':old']).toEqual({ S: oldHash });
    expect(write?.ReturnValues).toBeUndefined();
  });

  it('leaves the hash alone after a wrong password', async () => {
    // Prepare
    const { client, mock } = tableWithAdmin({ storedHash: legacyHash(PASSWORD) });
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
    const { client, mock } = tableWithAdmin({ storedHash: oldHash });
    mock.on(UpdateItemCommand, { ConditionExpression: '#h = :old' }).rejects(awsError(errorName));
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

describe('the lock-out rule', () => {
  it('locks only from the fifth attempt until the window passes', () => {
    // Prepare
    const start = NOW;
    const four = { username: 'a', failures: SIGNIN_MAX_FAILURES - 1, windowStart: start };
    const five = { ...four, failures: SIGNIN_MAX_FAILURES };

    // Act & Assess
    expect(lockout(four, start + 1000)).toBeUndefined();
    expect(lockout(five, start + 1000)).toBe(SIGNIN_WINDOW_MS / 1000 - 1);
    expect(lockout(five, start + SIGNIN_WINDOW_MS)).toBeUndefined();
  });
});
