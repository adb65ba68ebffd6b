// Authorization of every route × principal × site, on DynamoDB Local. The route list comes from the router, and
// DECISIONS below is this test's own statement of who may call each route: a route added to the router without
// a decision here fails the first test, and a decision the code does not carry out fails the second.
import { addSite, createShare } from '@footfall/store';
import { httpEvent, OTHER_SITE, SITE } from '@footfall/testing';
import type { Access } from '../../src/router';
import { ROUTES } from '../../src/router';
import { bodyOf, errorCode, NOW, storeTestUser, type TestApi, testApi, tokenFor } from '../helpers/api';
import { createTestTable, INTEGRATION_TIMEOUT_MS, type TestTable } from '../helpers/localTable';

jest.setTimeout(INTEGRATION_TIMEOUT_MS * 4);

/** Who may call each route (SPEC §3): the decisions this test holds the router and access.ts to. */
const DECISIONS: Record<string, Access> = {
  'POST /api/event': 'public',
  'GET /pv.gif': 'public',
  'POST /append': 'public',
  'POST /api/auth/signin': 'public',
  'GET /api/sites': 'reader',
  'POST /api/sites': 'admin',
  'DELETE /api/sites/{host}': 'admin',
  'GET /api/sites/{host}/shares': 'admin',
  'POST /api/sites/{host}/shares': 'admin',
  'DELETE /api/sites/{host}/shares/{id}': 'admin',
  'POST /api/users': 'admin',
  'GET /api/users/{name}': 'admin',
  'POST /api/users/{name}/access': 'admin',
  'POST /api/users/{name}/signout': 'admin',
  'GET /api/stats/timeseries': 'site-reader',
  'GET /api/stats/breakdown': 'site-reader',
  'GET /api/stats/export': 'site-reader',
  'GET /api/stats/realtime': 'site-reader',
  'GET /api/stats/goals': 'site-reader',
  'POST /api/sites/{host}/goals': 'admin',
  'DELETE /api/sites/{host}/goals/{id}': 'admin',
  // Whether counting is behind: the banner of every dashboard, a share link's read-only one included.
  'GET /api/status': 'reader',
  'POST /api/views/week': 'site-reader',
  'POST /api/views/month': 'site-reader',
  'POST /api/browsers/week': 'site-reader',
  'POST /api/browsers/month': 'site-reader',
  'POST /api/pages/week': 'site-reader',
  'POST /api/pages/month': 'site-reader',
  'GET /beacon.js': 'public',
  'GET /beacon/{file}': 'public',
  'GET /dashboard': 'public',
  'GET /dashboard/{file+}': 'public',
  'GET /share/{id}': 'public',
};

const SHARE_A = 'AAAAAAAAAAAAAAAAAAAAAAAA';
const SHARE_B = 'BBBBBBBBBBBBBBBBBBBBBBBB';
const EXPIRED = 'CCCCCCCCCCCCCCCCCCCCCCCC';

/** Every kind of caller: nobody, an admin (stored with no role, as before roles), viewers, share links. */
type Principal = 'anonymous' | 'admin' | 'viewer-a' | 'viewer-none' | 'share-a' | 'share-b' | 'share-expired';
const PRINCIPALS: Principal[] = [
  'anonymous',
  'admin',
  'viewer-a',
  'viewer-none',
  'share-a',
  'share-b',
  'share-expired',
];
const USERNAMES: Partial<Record<Principal, string>> = {
  admin: 'admin',
  'viewer-a': 'vera',
  'viewer-none': 'nina',
};
const SHARES: Partial<Record<Principal, string>> = {
  'share-a': SHARE_A,
  'share-b': SHARE_B,
  'share-expired': EXPIRED,
};

/** The outcome a decision requires: allowed (any answer but 401/403), or refused with a status and code. */
type Outcome = { allowed: true } | { allowed: false; status: 401 | 403; code?: string };
const ALLOWED: Outcome = { allowed: true };
const unauthenticated: Outcome = { allowed: false, status: 401 };
const forbidden = (code: string): Outcome => ({ allowed: false, status: 403, code });

/** What `access` means for a principal calling `method` about `site` (SITE is viewer-a's and share-a's). */
function expected(access: Access, principal: Principal, method: string, site: string): Outcome {
  if (access === 'public') return ALLOWED;
  if (principal === 'anonymous' || principal === 'share-expired') return unauthenticated;
  const share = SHARES[principal];
  if (share !== undefined && method !== 'GET') return unauthenticated;
  if (access === 'reader') return ALLOWED;
  if (access === 'admin')
    return principal === 'admin' ? ALLOWED : share !== undefined ? unauthenticated : forbidden('admin_only');
  // site-reader
  const readable =
    principal === 'admin' ||
    ((principal === 'viewer-a' || principal === 'share-a') && site === SITE) ||
    (principal === 'share-b' && site === OTHER_SITE);
  return readable ? ALLOWED : forbidden('site_forbidden');
}

/** A request of `route` by `principal` about `site`, well-formed enough to reach the access check. */
function requestFor(route: (typeof ROUTES)[number], principal: Principal, site: string) {
  const path = route.pattern
    .replace('{host}', site)
    .replace('{id}', route.pattern.startsWith('/share/') ? SHARE_A : 'DDDDDDDDDDDDDDDDDDDDDDDD')
    .replace('{name}', 'nobody')
    .replace('{file}', 'beacon.abcdef12.js')
    .replace('{file+}', 'index.html');
  const username = USERNAMES[principal];
  const share = SHARES[principal];
  const token = username ? tokenFor(username) : share;
  const headers: Record<string, string> = {};
  if (username) headers.authorization = `Bearer ${token}`;
  if (share) headers.authorization = `Share ${share}`;
  const body =
    route.method === 'GET' || route.method === 'DELETE'
      ? undefined
      : { token, site, host: site, path: 'site', year: 2026, week: 10, month: 3 };
  return httpEvent({
    method: route.method,
    path,
    headers,
    query: { site, from: '2026-03-01', to: '2026-03-07', dimension: 'page' },
    ...(body ? { body } : {}),
  });
}

let table: TestTable;
let api: TestApi;

beforeAll(async () => {
  table = await createTestTable({ prefix: 'api-authz' });
  const t = { dynamodb: table.client, tableName: table.tableName };
  await storeTestUser(table.client, table.tableName, 'admin');
  await storeTestUser(table.client, table.tableName, 'vera', { role: 'viewer', sites: [SITE] });
  await storeTestUser(table.client, table.tableName, 'nina', { role: 'viewer', sites: [] });
  await createShare(t, { id: SHARE_A, site: SITE, createdAt: NOW, origins: [] });
  await createShare(t, { id: SHARE_B, site: OTHER_SITE, createdAt: NOW, origins: [] });
  await createShare(t, { id: EXPIRED, site: SITE, createdAt: NOW, expiresAt: NOW / 1000 - 1, origins: [] });
  api = testApi(
    table.client,
    table.tableName,
    { siteCacheSeconds: 0, sessionCacheSeconds: 0 },
    { tableSites: true },
  );
});

afterAll(async () => {
  await table.cleanup();
});

describe('the route table', () => {
  it('gives every route a decision, and the one this test states', () => {
    // Act
    const declared = Object.fromEntries(ROUTES.map((r) => [`${r.method} ${r.pattern}`, r.access]));

    // Assess
    expect(declared).toEqual(DECISIONS);
  });
});

const CASES = ROUTES.flatMap((route) =>
  PRINCIPALS.flatMap((principal) =>
    [SITE, OTHER_SITE].map((site) => ({ name: `${route.method} ${route.pattern}`, route, principal, site })),
  ),
);

describe('every route × principal × site', () => {
  it.each(CASES)('$name by $principal about $site', async ({ route, principal, site }) => {
    // Prepare: both sites exist whatever an earlier case removed
    const t = { dynamodb: table.client, tableName: table.tableName };
    await addSite(t, SITE, NOW);
    await addSite(t, OTHER_SITE, NOW);
    const want = expected(
      DECISIONS[`${route.method} ${route.pattern}`] ?? 'admin',
      principal,
      route.method,
      site,
    );

    // Act
    const response = await api.handler(requestFor(route, principal, site));

    // Assess
    if (want.allowed) {
      expect([401, 403]).not.toContain(response.statusCode);
    } else {
      expect(response.statusCode).toBe(want.status);
      if (want.code) expect(errorCode(response)).toBe(want.code);
    }
  });
});

describe('GET /api/sites', () => {
  it.each([
    ['admin', [OTHER_SITE, SITE].sort(), 'admin'],
    ['viewer-a', [SITE], 'viewer'],
    ['viewer-none', [], 'viewer'],
    ['share-a', [SITE], 'share'],
    ['share-b', [OTHER_SITE], 'share'],
  ] as const)('lists for %s only the sites it may read', async (principal, sites, role) => {
    // Act
    const route = ROUTES.find((r) => r.method === 'GET' && r.pattern === '/api/sites');
    if (!route) throw new Error('no GET /api/sites');
    const response = await api.handler(requestFor(route, principal, SITE));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual({ sites: [...sites], role });
  });
});
