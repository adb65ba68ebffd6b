// Users on the admin page, on DynamoDB Local: an admin adds a viewer (the API makes up its password), sets its
// sites and role, and signs it out everywhere; the password never reaches a log line.
import { httpEvent, OTHER_SITE, SITE } from '@footfall/testing';
import { bearer, bodyOf, errorCode, storeTestUser, type TestApi, testApi } from '../helpers/api';
import { createTestTable, INTEGRATION_TIMEOUT_MS, type TestTable } from '../helpers/localTable';

jest.setTimeout(INTEGRATION_TIMEOUT_MS * 2);

let table: TestTable;
let api: TestApi;

beforeAll(async () => {
  table = await createTestTable({ prefix: 'api-users' });
  await storeTestUser(table.client, table.tableName, 'admin');
  api = testApi(table.client, table.tableName);
});

afterAll(async () => {
  await table.cleanup();
});

const post = (path: string, body: object | undefined, headers: Record<string, string> = bearer()) =>
  api.handler(httpEvent({ method: 'POST', path, headers, body }));
const signin = async (username: string, password: string) => {
  const r = await post('/api/auth/signin', { username, password }, {});
  return (bodyOf(r) as { token?: string }).token;
};
const sitesOf = async (token: string) =>
  bodyOf(
    await api.handler(
      httpEvent({ method: 'GET', path: '/api/sites', headers: { authorization: `Bearer ${token}` } }),
    ),
  );

describe('users through the admin routes', () => {
  it('adds a viewer with a made-up password it can sign in with, once, and never logs it', async () => {
    // Act
    const added = await post('/api/users', { username: 'Vera', role: 'viewer', sites: [SITE] });
    const user = bodyOf(added) as { username: string; password: string; role: string; sites: string[] };
    const again = await post('/api/users', { username: 'vera', role: 'viewer' });
    const token = await signin('vera', user.password);

    // Assess
    expect(added.statusCode).toBe(201);
    expect(user).toMatchObject({ username: 'vera', role: 'viewer', sites: [SITE] });
    expect(user.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(again.statusCode).toBe(409);
    expect(token).toBeDefined();
    expect(await sitesOf(token ?? '')).toEqual({ sites: [SITE], role: 'viewer' });
    expect(api.logs.join('\n')).not.toContain(user.password);
  });

  it('changes a viewer’s sites and role, reaching its sessions in this container at once', async () => {
    // Prepare
    const created = bodyOf(await post('/api/users', { username: 'otto', role: 'viewer' })) as {
      password: string;
    };
    const token = (await signin('otto', created.password)) ?? '';

    // Act
    const none = await sitesOf(token);
    const granted = await post('/api/users/otto/access', { role: 'viewer', sites: [OTHER_SITE] });
    const some = await sitesOf(token);
    const read = await api.handler(httpEvent({ method: 'GET', path: '/api/users/otto', headers: bearer() }));
    const promoted = await post('/api/users/otto/access', { role: 'admin' });
    const all = await sitesOf(token);
    const adminSites = await post('/api/users/otto/access', { role: 'admin', sites: [SITE] });
    const ownRole = await post('/api/users/admin/access', { role: 'viewer' });
    const missing = await post('/api/users/nobody/access', { role: 'viewer' });

    // Assess
    expect(none).toEqual({ sites: [], role: 'viewer' });
    expect(granted.statusCode).toBe(200);
    expect(some).toEqual({ sites: [OTHER_SITE], role: 'viewer' });
    expect(bodyOf(read)).toMatchObject({ username: 'otto', role: 'viewer', sites: [OTHER_SITE] });
    expect(promoted.statusCode).toBe(200);
    expect(all).toEqual({ sites: [SITE, OTHER_SITE], role: 'admin' });
    expect(errorCode(adminSites)).toBe('invalid_sites');
    expect(errorCode(ownRole)).toBe('own_role');
    expect(missing.statusCode).toBe(404);
  });

  it('signs a user out everywhere', async () => {
    // Prepare
    const created = bodyOf(await post('/api/users', { username: 'sam', role: 'viewer' })) as {
      password: string;
    };
    const token = (await signin('sam', created.password)) ?? '';

    // Act
    const before = await api.handler(
      httpEvent({ method: 'GET', path: '/api/sites', headers: { authorization: `Bearer ${token}` } }),
    );
    const out = await post('/api/users/sam/signout', undefined);
    const after = await api.handler(
      httpEvent({ method: 'GET', path: '/api/sites', headers: { authorization: `Bearer ${token}` } }),
    );

    // Assess
    expect(before.statusCode).toBe(200);
    expect(out.statusCode).toBe(204);
    expect(after.statusCode).toBe(401);
  });
});
