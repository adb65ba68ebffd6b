// Revocation on the reporting routes: a token must name an existing user's incarnation and current session
// epoch, as this container last read them (at most SESSION_CACHE_SECONDS ago).
import { DeleteItemCommand, GetItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { encodeUser, userKey } from '@footfall/core-model';
import { httpEvent } from '@footfall/testing';
import { generateKey, hashPassword, issueToken, parseKey } from '@footfall/tokens';
import { AUTH_KEY, bearer, errorCode, NOW, testApi, testUser, tokenFor } from '../helpers/api';
import { answerUsers, mockedDynamo } from '../helpers/mockTable';

const sites = (token: string) => httpEvent({ method: 'GET', path: '/api/sites', headers: bearer(token) });

/** A handler over a mocked table holding `admin` at `epoch`, the epoch settable between requests. */
function apiWithAdmin(epoch = 0, overrides: Parameters<typeof testApi>[2] = {}) {
  const { client, mock } = mockedDynamo();
  const admin = { current: testUser('admin', { sessionEpoch: epoch }) };
  mock
    .on(GetItemCommand)
    .callsFake((input: { Key?: { Path?: { S?: string } } }) =>
      input.Key?.Path?.S === userKey('admin').Path.S
        ? { Item: encodeUser(admin.current), ConsumedCapacity: { CapacityUnits: 1 } }
        : { ConsumedCapacity: { CapacityUnits: 1 } },
    );
  return { ...testApi(client, 'footfall-test', overrides), mock, admin };
}

const userReads = (mock: ReturnType<typeof mockedDynamo>['mock']) => mock.commandCalls(GetItemCommand).length;

describe('session check', () => {
  it('accepts a token naming the user’s incarnation and current epoch', async () => {
    // Prepare
    const { handler } = apiWithAdmin(2);

    // Act
    const response = await handler(sites(tokenFor('admin', { epoch: 2 })));

    // Assess
    expect(response.statusCode).toBe(200);
  });

  it.each([
    ['an earlier session epoch (password changed or signed out)', tokenFor('admin', { epoch: 1 })],
    ['another incarnation (user removed and added again)', tokenFor('admin', { epoch: 2, created: NOW })],
    ['a user who does not exist, signed with the real key', tokenFor('nobody', { epoch: 2 })],
  ])('refuses a token of %s with 401 revoked_token', async (_, token) => {
    // Prepare
    const { handler, mock } = apiWithAdmin(2);

    // Act
    const response = await handler(sites(token));

    // Assess
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe('revoked_token');
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(mock.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('refuses a token without a session epoch (issued before revocation existed) as invalid', async () => {
    // Prepare
    const { handler } = apiWithAdmin();
    const key = parseKey(AUTH_KEY);
    if (!key.ok) throw key.error;
    const legacy = issueToken({ sub: 'admin' }, { key: key.value, ttlSeconds: 3600, now: new Date(NOW) });

    // Act
    const response = await handler(sites(legacy));

    // Assess
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe('invalid_token');
  });

  it('reads the user once per minute per container: a revocation shows within 60 s, not before', async () => {
    // Prepare
    const { handler, mock, admin, clock } = apiWithAdmin(0);
    const token = tokenFor('admin', { epoch: 0 });
    const first = await handler(sites(token));

    // Act: the epoch is bumped right after the first request.
    admin.current = { ...admin.current, sessionEpoch: 1 };
    clock.now = NOW + 59_999;
    const cached = await handler(sites(token));
    clock.now = NOW + 60_000;
    const reread = await handler(sites(token));

    // Assess
    expect([first.statusCode, cached.statusCode, reread.statusCode]).toEqual([200, 200, 401]);
    expect(userReads(mock)).toBe(2);
  });

  it('reads the user on every request when SESSION_CACHE_SECONDS is 0', async () => {
    // Prepare
    const { handler, mock, admin } = apiWithAdmin(0, { sessionCacheSeconds: 0 });
    const token = tokenFor('admin', { epoch: 0 });
    await handler(sites(token));

    // Act
    admin.current = { ...admin.current, sessionEpoch: 1 };
    const response = await handler(sites(token));

    // Assess
    expect(response.statusCode).toBe(401);
    expect(userReads(mock)).toBe(2);
  });

  it('remembers what sign-in read, so the first reporting call after it reads no user', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    answerUsers(mock, [testUser('admin', { passwordHash: await hashPassword('a long passphrase here') })]);
    mock.on(UpdateItemCommand).resolves({});
    mock.on(DeleteItemCommand).resolves({});
    const { handler } = testApi(client);
    const signin = await handler(
      httpEvent({
        method: 'POST',
        path: '/api/auth/signin',
        body: { username: 'admin', password: 'a long passphrase here' },
      }),
    );
    const token = (JSON.parse(signin.body ?? '{}') as { token: string }).token;
    const readsAfterSignin = userReads(mock);

    // Act
    const response = await handler(sites(token));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(userReads(mock)).toBe(readsAfterSignin);
  });

  it('accepts a token issued under the previous key of a rotated keyring', async () => {
    // Prepare
    const previous = generateKey();
    const { client, mock } = mockedDynamo();
    answerUsers(mock, [testUser()]);
    const { handler } = testApi(client, 'footfall-test', {
      authKey: { kind: 'value', value: `${generateKey()}\n${previous}` },
    });

    // Act
    const underPrevious = await handler(sites(tokenFor('admin', { key: previous })));
    const underRetired = await handler(sites(tokenFor('admin', { key: generateKey() })));

    // Assess
    expect(underPrevious.statusCode).toBe(200);
    expect(underRetired.statusCode).toBe(401);
  });
});
