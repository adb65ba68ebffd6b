import { createApiClient } from '../../src/apiClient';

type Call = { url: string; init: RequestInit };

/** A fetch that records each call and answers with the next canned response. */
function cannedFetch(...responses: (Response | Error)[]): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchFn = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init });
    const next = responses.shift();
    if (!next || next instanceof Error) throw next ?? new Error('no response left');
    return next;
  };
  return { fetch: fetchFn as typeof fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const TOTALS = { views: 10, visitors: 4, avgDuration: 31, avgScroll: 55, bots: 2 };

describe('api client', () => {
  it('sends the bearer token and the query', async () => {
    // Prepare
    const canned = cannedFetch(
      json(200, { site: 'a.com', path: null, interval: 'day', tz: 'UTC', points: [], totals: TOTALS }),
    );
    const api = createApiClient({ fetch: canned.fetch, token: () => 'tok' });

    // Act
    const r = await api.timeseries({
      site: 'a.com',
      from: '2026-11-01',
      to: '2026-11-07',
      tz: 'Europe/Paris',
    });

    // Assess
    expect(r.ok && r.value.totals).toEqual(TOTALS);
    expect(canned.calls[0]?.url).toBe(
      '/api/stats/timeseries?site=a.com&from=2026-11-01&to=2026-11-07&tz=Europe%2FParis',
    );
    expect(new Headers(canned.calls[0]?.init.headers).get('authorization')).toBe('Bearer tok');
  });

  it('marks a 401 so the app can send the user back to sign in', async () => {
    // Prepare
    const canned = cannedFetch(
      json(401, { error: { code: 'expired_token', message: 'The session has expired.' } }),
    );
    const api = createApiClient({ fetch: canned.fetch, token: () => 'old' });

    // Act
    const r = await api.sites();

    // Assess
    expect(!r.ok && r.error.isUnauthorized).toBe(true);
  });

  it("passes the API's error message on in words", async () => {
    // Prepare
    const message = 'path: only the page breakdown can be filtered by path.';
    const canned = cannedFetch(json(400, { error: { code: 'unsupported_filter', message } }));
    const api = createApiClient({ fetch: canned.fetch, token: () => 'tok' });

    // Act
    const r = await api.breakdown({
      site: 'a.com',
      from: '2026-11-01',
      to: '2026-11-07',
      dimension: 'os',
      path: '/',
    });

    // Assess
    expect(!r.ok && [r.error.code, r.error.message, r.error.status]).toEqual([
      'unsupported_filter',
      message,
      400,
    ]);
  });

  it('reads Retry-After of a refused sign-in', async () => {
    // Prepare
    const canned = cannedFetch(
      json(
        429,
        { error: { code: 'too_many_attempts', message: 'Too many failed sign-ins.' } },
        { 'retry-after': '600' },
      ),
    );
    const api = createApiClient({ fetch: canned.fetch, token: () => undefined });

    // Act
    const r = await api.signin('admin', 'wrong');

    // Assess
    expect(!r.ok && r.error.retryAfter).toBe(600);
    expect(canned.calls[0]?.init.method).toBe('POST');
    expect(new Headers(canned.calls[0]?.init.headers).has('authorization')).toBe(false);
  });

  it('words failures that carry no API body', async () => {
    // Prepare
    const canned = cannedFetch(
      new TypeError('fetch failed'),
      new Response('<html>Bad gateway</html>', { status: 502 }),
      new Response('not json', { status: 200 }),
      json(200, { sites: 'a.com' }),
    );
    const api = createApiClient({ fetch: canned.fetch, token: () => 'tok' });

    // Act
    const results = [await api.sites(), await api.sites(), await api.sites(), await api.sites()];

    // Assess
    expect(results.map((r) => !r.ok && r.error.message)).toEqual([
      'Could not reach the server. Check the connection.',
      'The server failed (HTTP 502). Try again in a moment.',
      "The server's answer was not JSON.",
      "The server's answer was not understood (sites).",
    ]);
  });

  it('downloads the export as a blob named by the server', async () => {
    // Prepare
    const csv = 'date,path,views,visitors\n2026-11-01,/,3,1\n';
    const canned = cannedFetch(
      new Response(csv, {
        status: 200,
        headers: {
          'content-type': 'text/csv',
          'content-disposition': 'attachment; filename="a.com-2026-11-01.csv"',
        },
      }),
    );
    const api = createApiClient({ fetch: canned.fetch, token: () => 'tok' });

    // Act
    const r = await api.exportCsv({ site: 'a.com', from: '2026-11-01', to: '2026-11-01' });

    // Assess
    expect(r.ok && r.value.filename).toBe('a.com-2026-11-01.csv');
    expect(r.ok && (await r.value.blob.text())).toBe(csv);
  });

  it('asks for the previous period and reads it, refusing one whose numbers are missing', async () => {
    // Prepare
    const series = { site: 'a.com', path: null, interval: 'day', tz: 'UTC', points: [], totals: TOTALS };
    const previous = { from: '2026-10-25', to: '2026-10-31', points: [], totals: { ...TOTALS, views: 8 } };
    const canned = cannedFetch(
      json(200, { ...series, previous }),
      json(200, { ...series, previous: { ...previous, totals: { views: 8 } } }),
    );
    const api = createApiClient({ fetch: canned.fetch, token: () => 'tok' });
    const params = { site: 'a.com', from: '2026-11-01', to: '2026-11-07', compare: 'previous' as const };

    // Act
    const good = await api.timeseries(params);
    const bad = await api.timeseries(params);

    // Assess
    expect(canned.calls[0]?.url).toBe(
      '/api/stats/timeseries?site=a.com&from=2026-11-01&to=2026-11-07&compare=previous',
    );
    expect(good.ok && good.value.previous?.totals.views).toBe(8);
    expect(!bad.ok && bad.error.message).toBe(
      "The server's answer was not understood (previous period's totals).",
    );
  });

  it('reads the realtime figures, never from the HTTP cache', async () => {
    // Prepare
    const body = {
      site: 'a.com',
      windowSeconds: 300,
      views: 5,
      visitors: 3,
      pages: [
        { value: '/', views: 4 },
        { value: '(other)', views: 1 },
      ],
      referrers: [{ value: 'news.ycombinator.com', views: 2 }],
    };
    const canned = cannedFetch(json(200, body), json(200, { ...body, pages: [{ value: '/' }] }));
    const api = createApiClient({ fetch: canned.fetch, token: () => 'tok' });

    // Act
    const good = await api.realtime('a.com');
    const bad = await api.realtime('a.com');

    // Assess
    expect(good.ok && good.value).toEqual(body);
    expect(canned.calls[0]?.url).toBe('/api/stats/realtime?site=a.com');
    expect(canned.calls[0]?.init.cache).toBe('no-store');
    expect(!bad.ok && bad.error.code).toBe('invalid_response');
  });
});
