// Sign-in against DynamoDB Local: tokens, the atomic throttle under concurrent guesses and at the window's
// edge, case-insensitive usernames, and the hash upgrade.
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  decodeUser,
  encodeThrottle,
  encodeUser,
  SIGNIN_MAX_FAILURES,
  SIGNIN_WINDOW_MS,
  userKey,
} from '@footfall/core-model';
import { httpEvent } from '@footfall/testing';
import { DEFAULT_ITERATIONS, hashPassword } from '@footfall/tokens';
import { bodyOf, errorCode, NOW, type TestApi, testApi } from '../helpers/api';
import { iterationsOf, LEGACY_ITERATIONS, legacyHash } from '../helpers/legacyHash';
import { createTestTable, INTEGRATION_TIMEOUT_MS, scanAll, type TestTable } from '../helpers/localTable';

jest.setTimeout(INTEGRATION_TIMEOUT_MS * 2);

const PASSWORD = 'a long and private passphrase';

let table: TestTable;
let api: TestApi;
let passwordHash: string;

async function putUser(username: string, hash = passwordHash): Promise<void> {
  await table.client.send(
    new PutItemCommand({
      TableName: table.tableName,
      Item: encodeUser({ username, passwordHash: hash, createdAt: NOW, sessionEpoch: 0 }),
    }),
  );
}

beforeAll(async () => {
  table = await createTestTable({ prefix: 'api-signin' });
  passwordHash = await hashPassword(PASSWORD);
  await putUser('owner');
});

// DynamoDB Local deletes throttle items once their TTL passes, so the clock starts from the real time.
let T0: number;

beforeEach(() => {
  api = testApi(table.client, table.tableName);
  T0 = Date.now();
  api.clock.now = T0;
});

afterAll(async () => {
  await table.cleanup();
});

const signin = (username: string, password: string) =>
  api.handler(httpEvent({ method: 'POST', path: '/api/auth/signin', body: { username, password } }));

/** How many sign-ins checked a password: each check that fails logs one 'sign-in failed' line. */
const passwordsChecked = () => api.logs.filter((line) => line.includes('"sign-in failed"')).length;

describe('sign-in on DynamoDB Local', () => {
  it('issues a token that opens the reporting routes', async () => {
    // Act
    const response = await signin('owner', PASSWORD);
    const token = (bodyOf(response) as { token: string }).token;
    const sites = await api.handler(
      httpEvent({ method: 'GET', path: '/api/sites', headers: { authorization: `Bearer ${token}` } }),
    );

    // Assess
    expect(response.statusCode).toBe(200);
    expect(sites.statusCode).toBe(200);
  });

  it(`locks a username after ${SIGNIN_MAX_FAILURES} failures until the window passes, then lets it in and resets`, async () => {
    // Prepare
    const before = await scanAll(table.client, table.tableName);
    for (let i = 0; i < SIGNIN_MAX_FAILURES; i++) {
      api.clock.now = T0 + i * 1000;
      expect((await signin('owner', `wrong ${i}`)).statusCode).toBe(401);
    }

    // Act
    api.clock.now = T0 + 60_000;
    const locked = await signin('owner', PASSWORD);
    api.clock.now = T0 + SIGNIN_WINDOW_MS + 1;
    const after = await signin('owner', PASSWORD);

    // Assess
    expect(locked.statusCode).toBe(429);
    expect(errorCode(locked)).toBe('too_many_attempts');
    expect(Number(locked.headers['retry-after'])).toBe((SIGNIN_WINDOW_MS - 60_000) / 1000);
    expect(after.statusCode).toBe(200);
    expect(await scanAll(table.client, table.tableName)).toEqual(before);
  });

  it('resets the count after a success, so earlier failures do not add up with later ones', async () => {
    // Prepare
    for (let i = 0; i < SIGNIN_MAX_FAILURES - 1; i++) await signin('owner', 'wrong');
    expect((await signin('owner', PASSWORD)).statusCode).toBe(200);

    // Act
    const statuses: number[] = [];
    for (let i = 0; i < SIGNIN_MAX_FAILURES - 1; i++)
      statuses.push((await signin('owner', 'wrong')).statusCode);
    const right = await signin('owner', PASSWORD);

    // Assess
    expect(statuses).toEqual(Array(SIGNIN_MAX_FAILURES - 1).fill(401));
    expect(right.statusCode).toBe(200);
  });

  it('checks at most five passwords when 8 guesses arrive at once, 5 rounds in a row', async () => {
    // Prepare
    await putUser('racer');
    const statuses: number[] = [];

    // Act
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => signin('racer', `guess ${round}-${i}`)),
      );
      statuses.push(...answers.map((a) => a.statusCode));
    }
    const right = await signin('racer', PASSWORD);

    // Assess
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGNIN_MAX_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - SIGNIN_MAX_FAILURES);
    expect(passwordsChecked()).toBe(SIGNIN_MAX_FAILURES);
    expect(right.statusCode).toBe(429);
  });

  it('lets only one of many concurrent requests restart a window that is over', async () => {
    // Prepare: a locked window that ended a moment ago.
    await putUser('edge');
    await table.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: encodeThrottle({
          username: 'edge',
          failures: SIGNIN_MAX_FAILURES,
          windowStart: T0 - SIGNIN_WINDOW_MS - 1,
        }),
      }),
    );

    // Act
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => signin('edge', `guess ${i}`)));

    // Assess: a racer that restarted the window after another one's reservations would let more through.
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(3).fill(429)]);
    expect(passwordsChecked()).toBe(SIGNIN_MAX_FAILURES);
  });

  it('locks an unknown username the same way (no hint that it does not exist)', async () => {
    // Prepare
    for (let i = 0; i < SIGNIN_MAX_FAILURES; i++) await signin('ghost', 'guess');

    // Act
    const response = await signin('ghost', 'guess');

    // Assess
    expect(response.statusCode).toBe(429);
  });

  it('treats Bob and bob as one user with one lock-out', async () => {
    // Prepare
    await putUser('bob');
    for (let i = 0; i < SIGNIN_MAX_FAILURES; i++)
      expect((await signin(i % 2 === 0 ? 'Bob' : 'bOB', 'guess')).statusCode).toBe(401);

    // Act
    const locked = await signin('bob', PASSWORD);
    api.clock.now = T0 + SIGNIN_WINDOW_MS + 1;
    const upper = await signin('BOB', PASSWORD);

    // Assess
    expect(locked.statusCode).toBe(429);
    expect(upper.statusCode).toBe(200);
  });
});

describe('hash upgrade on DynamoDB Local', () => {
  async function storedHash(username: string): Promise<string | undefined> {
    const out = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: userKey(username), ConsistentRead: true }),
    );
    const user = decodeUser(out.Item);
    return user.ok ? user.value.passwordHash : undefined;
  }

  it(`rewrites a ${LEGACY_ITERATIONS}-round hash with today's rounds, and the password still signs in`, async () => {
    // Prepare
    const oldHash = legacyHash(PASSWORD);
    await putUser('veteran', oldHash);

    // Act
    const first = await signin('veteran', PASSWORD);
    const upgraded = await storedHash('veteran');
    const second = await signin('veteran', PASSWORD);

    // Assess
    expect(first.statusCode).toBe(200);
    expect(upgraded).not.toBe(oldHash);
    expect(iterationsOf(upgraded ?? '')).toBe(DEFAULT_ITERATIONS);
    expect(second.statusCode).toBe(200);
    expect(await storedHash('veteran')).toBe(upgraded);
  });
});
