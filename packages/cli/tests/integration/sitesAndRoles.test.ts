// `footfall site add|remove|list` and `footfall user add --role --sites|grant|revoke` against DynamoDB Local,
// checked through the built api-fn: a site added by the CLI accepts events, a removed one refuses them, and a
// viewer reads only the sites granted.
import { createTestTable, type TestTable } from '@footfall/dynamodb-local';
import {
  type HttpEventInput,
  invokeApi,
  type LocalFunction,
  localFunctionEnv,
  startBundle,
} from '@footfall/testing';
import { generateKey } from '@footfall/tokens';
import { runFootfall } from '../helpers/runFootfall';

jest.setTimeout(120_000);

const AUTH_KEY = generateKey();
const PASSWORD = 'a viewer passphrase, long enough';

let table: TestTable;
let env: Record<string, string>;
let container: LocalFunction | undefined;

beforeAll(async () => {
  table = await createTestTable({ prefix: 'cli-sites' });
  env = {
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: table.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
});

afterAll(async () => {
  await container?.stop();
  await table.cleanup();
});

/** The built api-fn with no first list, re-reading sites and users on every request (caches at 0 s). */
function api(input: HttpEventInput) {
  container ??= startBundle(
    'api-fn',
    localFunctionEnv(table, {
      ALLOWED_SITES: '',
      AUTH_KEY,
      SESSION_CACHE_SECONDS: '0',
      SITE_CACHE_SECONDS: '0',
    }),
  );
  return invokeApi(container, input);
}

const pageview = (site: string) =>
  api({
    method: 'POST',
    path: '/api/event',
    headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' },
    body: { type: 'pageview', id: crypto.randomUUID(), site, path: '/' },
  });

describe('footfall site', () => {
  it('adds a site that then accepts events, lists it, and removes it so its events are refused', async () => {
    // Act
    const before = await pageview('blog.example.com');
    const added = await runFootfall(['site', 'add', 'Blog.Example.com'], { env });
    const accepted = await pageview('blog.example.com');
    const listed = await runFootfall(['site', 'list'], { env });
    const removed = await runFootfall(['site', 'remove', 'blog.example.com'], { env });
    const after = await pageview('blog.example.com');
    const again = await runFootfall(['site', 'remove', 'blog.example.com'], { env });

    // Assess
    expect(before.statusCode).toBe(403);
    expect(added.code).toBe(0);
    expect(added.stderr).toContain('data-site="blog.example.com"');
    expect(accepted.statusCode).toBe(202);
    expect(listed.stdout).toBe('blog.example.com\n');
    expect(removed.code).toBe(0);
    expect(after.statusCode).toBe(403);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('no site') });
  });

  it('refuses a malformed host', async () => {
    // Act
    const bad = await runFootfall(['site', 'add', 'not a host'], { env });

    // Assess
    expect(bad.code).toBe(2);
  });
});

describe('footfall user roles', () => {
  it('adds a viewer who reads only its sites, then grants and revokes sites', async () => {
    // Prepare
    for (const site of ['a.example.com', 'b.example.com']) await runFootfall(['site', 'add', site], { env });
    const sitesOf = async (token: string) =>
      JSON.parse(
        (await api({ method: 'GET', path: '/api/sites', headers: { authorization: `Bearer ${token}` } }))
          .body ?? '{}',
      ) as { sites: string[]; role: string };

    // Act
    const added = await runFootfall(
      ['user', 'add', 'vera', '--role', 'viewer', '--sites', 'a.example.com', '--password-stdin'],
      { stdin: PASSWORD, env },
    );
    const signin = await api({
      method: 'POST',
      path: '/api/auth/signin',
      body: { username: 'vera', password: PASSWORD },
    });
    const token = (JSON.parse(signin.body ?? '{}') as { token: string }).token;
    const first = await sitesOf(token);
    const forbidden = await api({
      method: 'GET',
      path: '/api/stats/timeseries',
      query: { site: 'b.example.com', from: '2026-03-01', to: '2026-03-02' },
      headers: { authorization: `Bearer ${token}` },
    });
    await runFootfall(['user', 'grant', 'vera', '--sites', 'b.example.com'], { env });
    const granted = await sitesOf(token);
    await runFootfall(['user', 'revoke', 'vera', '--sites', 'a.example.com'], { env });
    const revoked = await sitesOf(token);
    const listed = await runFootfall(['user', 'list'], { env });

    // Assess
    expect(added.code).toBe(0);
    expect(first).toEqual({ sites: ['a.example.com'], role: 'viewer' });
    expect(forbidden.statusCode).toBe(403);
    expect(JSON.parse(forbidden.body ?? '{}').error.code).toBe('site_forbidden');
    expect(granted.sites).toEqual(['a.example.com', 'b.example.com']);
    expect(revoked.sites).toEqual(['b.example.com']);
    expect(listed.stdout).toMatch(/^vera\t\S+\tviewer\tb\.example\.com$/m);
  });

  it('refuses --sites for an admin and an unknown role', async () => {
    // Act
    const adminSites = await runFootfall(['user', 'add', 'ann', '--sites', 'a.example.com'], { env });
    const badRole = await runFootfall(['user', 'add', 'ann', '--role', 'owner'], { env });

    // Assess
    expect(adminSites.code).toBe(2);
    expect(badRole.code).toBe(2);
  });
});
