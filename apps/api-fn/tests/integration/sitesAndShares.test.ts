// Sites and share links on DynamoDB Local: a site added through the API accepts events once the site cache
// has aged, the first list is written once, and a share link reads one site until it is deleted or expires.
import { listSites } from '@footfall/store';
import { httpEvent, OTHER_SITE, SITE } from '@footfall/testing';
import { bearer, bodyOf, errorCode, NOW, storeTestUser, type TestApi, testApi } from '../helpers/api';
import { createTestTable, INTEGRATION_TIMEOUT_MS, type TestTable } from '../helpers/localTable';

jest.setTimeout(INTEGRATION_TIMEOUT_MS * 2);

let table: TestTable;
let api: TestApi;

beforeAll(async () => {
  table = await createTestTable({ prefix: 'api-sites' });
  await storeTestUser(table.client, table.tableName, 'admin');
  // The real site list (read from the table), cached for the deployed 60 s.
  api = testApi(table.client, table.tableName, { allowedSites: [SITE] }, { tableSites: true });
});

afterAll(async () => {
  await table.cleanup();
});

const pageview = (site: string) =>
  api.handler(
    httpEvent({
      method: 'POST',
      path: '/api/event',
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' },
      body: { type: 'pageview', id: crypto.randomUUID(), site, path: '/' },
    }),
  );

describe('sites as data', () => {
  it('writes the first list once, then accepts a site added through the API within the cache age', async () => {
    // Act
    const first = await pageview(SITE);
    const unknown = await pageview('new.example.com');
    const added = await api.handler(
      httpEvent({ method: 'POST', path: '/api/sites', headers: bearer(), body: { host: 'New.Example.com' } }),
    );
    const twice = await api.handler(
      httpEvent({ method: 'POST', path: '/api/sites', headers: bearer(), body: { host: 'new.example.com' } }),
    );
    const stored = await listSites({ dynamodb: table.client, tableName: table.tableName });

    // Assess
    expect(first.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(403);
    expect(added.statusCode).toBe(201);
    expect(twice.statusCode).toBe(409);
    expect(stored).toMatchObject({ sites: ['example.com', 'new.example.com'], seeded: true });
    // This container forgot its list when it added the site; another container learns it within 60 s.
    expect((await pageview('new.example.com')).statusCode).toBe(202);
  });

  it('lets another container accept the new site only once its cached list is older than 60 s', async () => {
    // Prepare
    const other = testApi(table.client, table.tableName, { allowedSites: [SITE] }, { tableSites: true });
    other.clock.now = NOW;
    await other.handler(httpEvent({ method: 'GET', path: '/api/sites', headers: bearer() }));
    await api.handler(
      httpEvent({
        method: 'POST',
        path: '/api/sites',
        headers: bearer(),
        body: { host: 'late.example.com' },
      }),
    );
    const send = () =>
      other.handler(
        httpEvent({
          method: 'POST',
          path: '/api/event',
          headers: { 'user-agent': 'Mozilla/5.0 Firefox/128.0' },
          body: { type: 'pageview', id: crypto.randomUUID(), site: 'late.example.com', path: '/' },
        }),
      );

    // Act
    const stale = await send();
    other.clock.now = NOW + 60_000;
    const fresh = await send();

    // Assess
    expect(stale.statusCode).toBe(403);
    expect(fresh.statusCode).toBe(202);
  });

  it('removes a site: its events are refused, the removed site is not written back', async () => {
    // Act
    const removed = await api.handler(
      httpEvent({ method: 'DELETE', path: '/api/sites/new.example.com', headers: bearer() }),
    );
    const missing = await api.handler(
      httpEvent({ method: 'DELETE', path: '/api/sites/new.example.com', headers: bearer() }),
    );
    const after = await pageview('new.example.com');

    // Assess
    expect(removed.statusCode).toBe(204);
    expect(missing.statusCode).toBe(404);
    expect(after.statusCode).toBe(403);
  });
});

describe('share links', () => {
  const create = (body?: object) =>
    api.handler(
      httpEvent({
        method: 'POST',
        path: `/api/sites/${SITE}/shares`,
        headers: { ...bearer(), host: 'api.example.net' },
        ...(body ? { body } : {}),
      }),
    );
  const asShare = (id: string, path: string, query: Record<string, string> = {}) =>
    api.handler(httpEvent({ method: 'GET', path, query, headers: { authorization: `Share ${id}` } }));

  it('creates a link with ≥ 128 random bits that reads its one site, and stops at once when deleted here', async () => {
    // Act
    const created = await create({ origins: ['https://blog.example.com'] });
    const link = bodyOf(created) as { id: string; url: string; origins: string[] };
    const listed = bodyOf(
      await api.handler(httpEvent({ method: 'GET', path: `/api/sites/${SITE}/shares`, headers: bearer() })),
    ) as { shares: { id: string }[] };
    const sites = await asShare(link.id, '/api/sites');
    const own = await asShare(link.id, '/api/stats/timeseries', {
      site: SITE,
      from: '2026-03-01',
      to: '2026-03-02',
    });
    const other = await asShare(link.id, '/api/stats/timeseries', {
      site: OTHER_SITE,
      from: '2026-03-01',
      to: '2026-03-02',
    });
    const page = await api.handler(httpEvent({ method: 'GET', path: `/share/${link.id}` }));
    const deleted = await api.handler(
      httpEvent({ method: 'DELETE', path: `/api/sites/${SITE}/shares/${link.id}`, headers: bearer() }),
    );
    const pageAfter = await api.handler(httpEvent({ method: 'GET', path: `/share/${link.id}` }));
    const callAfter = await asShare(link.id, '/api/sites');

    // Assess
    expect(created.statusCode).toBe(201);
    expect(link.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(Buffer.from(link.id, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(link.url).toBe(`https://api.example.net/share/${link.id}`);
    expect(listed.shares.map((s) => s.id)).toContain(link.id);
    expect(bodyOf(sites)).toEqual({ sites: [SITE], role: 'share' });
    expect(own.statusCode).toBe(200);
    expect(other.statusCode).toBe(403);
    expect(errorCode(other)).toBe('site_forbidden');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain('frame-ancestors https://blog.example.com');
    expect(page.headers['x-frame-options']).toBeUndefined();
    expect(deleted.statusCode).toBe(204);
    expect(pageAfter.statusCode).toBe(404);
    expect(callAfter.statusCode).toBe(401);
    // The id is a credential: no log line names it, though every request above carried it.
    expect(api.logs.join('\n')).not.toContain(link.id);
  });

  it('answers 404 for an expired link, and frames nothing when no origin is named', async () => {
    // Prepare
    const created = bodyOf(await create({ expiresAt: new Date(NOW + 3_600_000).toISOString() })) as {
      id: string;
    };

    // Act
    const live = await api.handler(httpEvent({ method: 'GET', path: `/share/${created.id}` }));
    api.clock.now = NOW + 3_600_001;
    const expired = await api.handler(httpEvent({ method: 'GET', path: `/share/${created.id}` }));
    api.clock.now = NOW;

    // Assess
    expect(live.statusCode).toBe(200);
    expect(live.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(expired.statusCode).toBe(404);
  });

  it('refuses a share link anything but GET reads, and another container sees a deletion within 60 s', async () => {
    // Prepare
    const { id } = bodyOf(await create()) as { id: string };
    const other = testApi(table.client, table.tableName, { allowedSites: [SITE] }, { tableSites: true });
    await other.handler(httpEvent({ method: 'GET', path: `/share/${id}` }));
    await api.handler(
      httpEvent({ method: 'DELETE', path: `/api/sites/${SITE}/shares/${id}`, headers: bearer() }),
    );

    // Act
    const post = await api.handler(
      httpEvent({
        method: 'POST',
        path: '/api/sites',
        headers: { authorization: `Share ${id}` },
        body: { host: 'x.com' },
      }),
    );
    const cached = await other.handler(httpEvent({ method: 'GET', path: `/share/${id}` }));
    other.clock.now = NOW + 60_000;
    const fresh = await other.handler(httpEvent({ method: 'GET', path: `/share/${id}` }));

    // Assess
    expect(post.statusCode).toBe(401);
    expect(cached.statusCode).toBe(200);
    expect(fresh.statusCode).toBe(404);
  });
});
