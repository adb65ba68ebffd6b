// Sign-in against DynamoDB Local: a stored user signs in; five failures lock the username until the window passes.
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { decodeUser, encodeUser, SIGNIN_MAX_FAILURES, SIGNIN_WINDOW_MS, userKey } from '@footfall/core-model';
import { DEFAULT_ITERATIONS, hashPassword } from '@footfall/tokens';
import { httpEvent } from '../../src/testing';
import { bodyOf, errorCode, NOW, type TestApi, testApi } from '../helpers/api';
import { iterationsOf, LEGACY_ITERATIONS, legacyHash } from '../helpers/legacyHash';
import { createTestTable, INTEGRATION_TIMEOUT_MS, scanAll, type TestTable } from '../helpers/localTable';

jest.setTimeout(INTEGRATION_TIMEOUT_MS);

const PASSWORD = 'a long and private passphrase';

let table: TestTable;
let api: TestApi;

beforeAll(async () => {
  table = await createTestTable({ prefix: 'api-signin' });
  const passwordHash = await hashPassword(PASSWORD);
  await table.client.send(
    new PutItemCommand({
      TableName: table.tableName,
      Item: encodeUser({ username: 'owner', passwordHash, createdAt: NOW }),
    }),
  );
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

  it('locks an unknown username the same way (no hint that it does not exist)', async () => {
    // Prepare
    for (let i = 0; i < SIGNIN_MAX_FAILURES; i++) await signin('ghost', 'guess');

    // Act
    const response = await signin('ghost', 'guess');

    // Assess
    expect(response.statusCode).toBe(429);
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
    await table.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: encodeUser({ username: 'veteran', passwordHash: oldHash, createdAt: NOW }),
      }),
    );

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
