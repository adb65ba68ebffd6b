// Reporting routes with mocked reads answered from the aggregate items store's writer makes: tokens, queries, reports.
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { Item } from '@footfall/core-model';
import { httpEvent, SITE } from '@footfall/testing';
import { generateKey } from '@footfall/tokens';
import { itemsOf, rawView } from '../helpers/aggregates';
import { bearer, bodyOf, errorCode, NOW, tamper, testApi, testUser, tokenFor } from '../helpers/api';
import { answerReads, answerUsers, awsError, mockedDynamo } from '../helpers/mockTable';

const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 2, day, hour, minute);

/** Six views on 1–2 March 2026: two pages, one bot, engagement on two. */
const VIEWS = [
  rawView({ path: '/', time: at(1, 10), duration: 30, scroll: 50 }),
  rawView({ path: '/', time: at(1, 10, 40), unique: false, referrer: undefined, duration: 10, scroll: 100 }),
  rawView({
    path: '/blog/a',
    time: at(1, 23, 30),
    browser: 'Firefox',
    country: 'FR',
    referrer: 'news.ycombinator.com',
  }),
  rawView({ path: '/blog/b', time: at(2, 0, 15), device: 'mobile', os: 'iOS', browser: 'Safari' }),
  rawView({ path: '/blog/a', time: at(2, 8), utmSource: 'newsletter', utmCampaign: 'spring' }),
  rawView({ path: '/', time: at(2, 9), bot: true, browser: 'Googlebot', device: 'bot' }),
];

/** The aggregate items of VIEWS, as the trigger would have left them in a fresh table. */
let items: Item[];
beforeAll(async () => {
  items = await itemsOf(VIEWS);
});

function reportingApi() {
  const { client, mock } = mockedDynamo();
  answerReads(mock, items);
  answerUsers(mock, [testUser()]);
  return { ...testApi(client), mock };
}

const get = (path: string, query: Record<string, string>, headers: Record<string, string> = bearer()) =>
  httpEvent({ method: 'GET', path, query, headers });

describe('session tokens on reporting routes', () => {
  it.each([
    ['missing', {}, 'missing_token'],
    ['not a bearer token', { authorization: 'Basic YWRtaW46YWRtaW4=' }, 'missing_token'],
    ['expired', bearer(tokenFor('admin', { now: NOW - 2 * 3600_000, ttlSeconds: 3600 })), 'expired_token'],
    ['tampered', bearer(tamper(tokenFor())), 'invalid_token'],
    ['from another key', bearer(tokenFor('admin', { key: generateKey() })), 'invalid_token'],
    ['garbage', bearer('not-a-token'), 'invalid_token'],
  ])('answers 401 for a %s token and reads nothing', async (_, headers, code) => {
    // Prepare
    const { handler, mock } = reportingApi();

    // Act
    const response = await handler(get('/api/sites', {}, headers));

    // Assess
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe(code);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(mock.calls()).toHaveLength(0);
  });

  it('answers 500 (logged) when no session key is configured', async () => {
    // Prepare
    const { client } = mockedDynamo();
    const { handler, logs } = testApi(client, 'footfall-test', { authKey: { kind: 'none' } });

    // Act
    const response = await handler(get('/api/sites', {}));

    // Assess
    expect(response.statusCode).toBe(500);
    expect(logs.some((l) => l.includes('AUTH_KEY'))).toBe(true);
  });
});

describe('GET /api/sites', () => {
  it('lists the configured sites', async () => {
    // Prepare
    const { handler } = reportingApi();

    // Act
    const response = await handler(get('/api/sites', {}));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual({ sites: ['example.com', 'blog.example.org'], role: 'admin' });
  });
});

describe('GET /api/stats/timeseries', () => {
  it('answers every day of the range in UTC, bots only in the totals', async () => {
    // Prepare
    const { handler, mock } = reportingApi();

    // Act
    const response = await handler(
      get('/api/stats/timeseries', { site: SITE, from: '2026-02-28', to: '2026-03-03' }),
    );

    // Assess
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual({
      site: SITE,
      path: null,
      interval: 'day',
      tz: 'UTC',
      points: [
        { t: '2026-02-28', views: 0, visitors: 0, avgDuration: 0, avgScroll: 0 },
        { t: '2026-03-01', views: 3, visitors: 2, avgDuration: 20, avgScroll: 75 },
        { t: '2026-03-02', views: 2, visitors: 2, avgDuration: 0, avgScroll: 0 },
        { t: '2026-03-03', views: 0, visitors: 0, avgDuration: 0, avgScroll: 0 },
      ],
      totals: { views: 5, visitors: 4, avgDuration: 20, avgScroll: 75, bots: 1 },
    });
    const query = mock.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(query?.ConsistentRead).toBe(false);
    expect(query?.ReturnConsumedCapacity).toBe('TOTAL');
  });

  it('builds days in the requested time zone from UTC hours', async () => {
    // Prepare
    const { handler } = reportingApi();

    // Act
    const response = await handler(
      get('/api/stats/timeseries', { site: SITE, from: '2026-03-01', to: '2026-03-02', tz: 'Europe/Berlin' }),
    );

    // Assess: 23:30 UTC on the 1st is 00:30 on the 2nd in Berlin.
    const body = bodyOf(response) as { points: { t: string; views: number }[]; tz: string };
    expect(body.tz).toBe('Europe/Berlin');
    expect(body.points.map((p) => [p.t, p.views])).toEqual([
      ['2026-03-01', 2],
      ['2026-03-02', 3],
    ]);
  });

  it('answers hourly buckets with their local offset', async () => {
    // Prepare
    const { handler } = reportingApi();

    // Act
    const response = await handler(
      get('/api/stats/timeseries', { site: SITE, from: '2026-03-01', to: '2026-03-01', interval: 'hour' }),
    );

    // Assess
    const points = (bodyOf(response) as { points: { t: string; views: number }[] }).points;
    expect(points).toHaveLength(24);
    expect(points[10]).toMatchObject({ t: '2026-03-01T10:00Z', views: 2 });
  });

  it('reads one page from the trie items on its path when a path is given', async () => {
    // Prepare
    const { handler } = reportingApi();

    // Act
    const response = await handler(
      get('/api/stats/timeseries', { site: SITE, from: '2026-03-01', to: '2026-03-02', path: '/blog/a' }),
    );

    // Assess
    const body = bodyOf(response) as { path: string; points: { views: number }[]; totals: { views: number } };
    expect(body.path).toBe('/blog/a');
    expect(body.points.map((p) => p.views)).toEqual([1, 1]);
    expect(body.totals.views).toBe(2);
  });

  it.each([
    [{ from: '2026-03-05', to: '2026-03-01' }, 'invalid_range'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'invalid_date'],
    [{ from: 'yesterday', to: '2026-03-01' }, 'invalid_date'],
    [{ from: '2025-01-01', to: '2026-03-01' }, 'range_too_long'],
    [{ tz: 'Mars/Olympus_Mons' }, 'invalid_timezone'],
    [{ interval: 'minute' }, 'invalid_interval'],
    [{ path: 'no-slash' }, 'invalid_path'],
  ])('answers 400 for %j', async (change, code) => {
    // Prepare
    const { handler, mock } = reportingApi();

    // Act
    const response = await handler(
      get('/api/stats/timeseries', { site: SITE, from: '2026-03-01', to: '2026-03-02', ...change }),
    );

    // Assess
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe(code);
    expect(mock.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('answers 403 for a site that is not configured', async () => {
    // Prepare
    const { handler } = reportingApi();

    // Act
    const response = await handler(
      get('/api/stats/timeseries', { site: 'other.example', from: '2026-03-01', to: '2026-03-01' }),
    );

    // Assess
    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe('site_not_allowed');
  });

  it('answers 503 when the Query is throttled', async () => {
    // Prepare
    const { handler, mock } = reportingApi();
    mock.on(QueryCommand).rejects(awsError('ThrottlingException'));

    // Act
    const response = await handler(
      get('/api/stats/timeseries', { site: SITE, from: '2026-03-01', to: '2026-03-01' }),
    );

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
  });

  it('logs the read units it consumed, the session check included', async () => {
    // Prepare
    const { handler, logs } = reportingApi();
    const range = { site: SITE, from: '2026-03-01', to: '2026-03-01' };

    // Act: the first request reads the user's session epoch, the second finds it cached.
    await handler(get('/api/stats/timeseries', range));
    await handler(get('/api/stats/timeseries', range));

    // Assess
    const requests = logs.map((l) => JSON.parse(l)).filter((l) => l.message === 'request');
    expect(requests.map((r) => r.readUnits)).toEqual([1.5, 0.5]);
  });
});

describe('GET /api/stats/breakdown', () => {
  const breakdown = (query: Record<string, string>) =>
    get('/api/stats/breakdown', { site: SITE, from: '2026-03-01', to: '2026-03-02', ...query });

  it.each([
    [
      'page',
      [
        { value: '/', views: 2, visitors: 1 },
        { value: '/blog/a', views: 2, visitors: 2 },
        { value: '/blog/b', views: 1, visitors: 1 },
      ],
    ],
    [
      'referrer',
      [
        { value: 'google.com', views: 3, visitors: 3 },
        { value: 'news.ycombinator.com', views: 1, visitors: 1 },
      ],
    ],
    [
      'browser',
      [
        { value: 'Chrome', views: 3, visitors: 2 },
        { value: 'Firefox', views: 1, visitors: 1 },
        { value: 'Safari', views: 1, visitors: 1 },
      ],
    ],
    [
      'device',
      [
        { value: 'desktop', views: 4, visitors: 3 },
        { value: 'mobile', views: 1, visitors: 1 },
      ],
    ],
    [
      'country',
      [
        { value: 'DE', views: 4, visitors: 3 },
        { value: 'FR', views: 1, visitors: 1 },
      ],
    ],
    ['utm_source', [{ value: 'newsletter', views: 1, visitors: 1 }]],
    ['utm_campaign', [{ value: 'spring', views: 1, visitors: 1 }]],
    [
      'os',
      [
        { value: 'Windows', views: 4, visitors: 3 },
        { value: 'iOS', views: 1, visitors: 1 },
      ],
    ],
  ])('breaks views down by %s, most viewed first', async (dimension, rows) => {
    // Prepare
    const { handler } = reportingApi();

    // Act
    const response = await handler(breakdown({ dimension }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual({ dimension, rows });
  });

  it('keeps the first `limit` rows', async () => {
    // Prepare
    const { handler } = reportingApi();

    // Act
    const response = await handler(breakdown({ dimension: 'page', limit: '1' }));

    // Assess
    expect((bodyOf(response) as { rows: unknown[] }).rows).toEqual([{ value: '/', views: 2, visitors: 1 }]);
  });

  it('filters the page breakdown to a section by path prefix', async () => {
    // Prepare
    const { handler } = reportingApi();

    // Act
    const response = await handler(breakdown({ dimension: 'page', path: '/blog/' }));

    // Assess
    expect((bodyOf(response) as { rows: { value: string }[] }).rows.map((r) => r.value)).toEqual([
      '/blog/a',
      '/blog/b',
    ]);
  });

  it.each([
    [{ dimension: 'colour' }, 'unknown_dimension'],
    [{ dimension: 'referrer', path: '/blog/' }, 'unsupported_filter'],
    [{ dimension: 'page', limit: '0' }, 'invalid_limit'],
    [{ dimension: 'page', limit: '1001' }, 'invalid_limit'],
    [{ dimension: 'page', limit: 'ten' }, 'invalid_limit'],
    [{ dimension: 'page', to: '2026-01-01' }, 'invalid_range'],
  ])('answers 400 for %j', async (query, code) => {
    // Prepare
    const { handler, mock } = reportingApi();

    // Act
    const response = await handler(breakdown(query));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe(code);
    expect(mock.commandCalls(QueryCommand)).toHaveLength(0);
  });
});

describe('GET /api/stats/export', () => {
  it('answers a CSV download of daily views per page', async () => {
    // Prepare
    const { handler } = reportingApi();

    // Act
    const response = await handler(
      get('/api/stats/export', { site: SITE, from: '2026-03-01', to: '2026-03-02' }),
    );

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="example.com-2026-03-01-2026-03-02.csv"',
    );
    expect(response.body).toBe(
      [
        'date,path,views,visitors',
        '2026-03-01,/,2,1',
        '2026-03-01,/blog/a,1,1',
        '2026-03-02,/blog/a,1,1',
        '2026-03-02,/blog/b,1,1',
        '',
      ].join('\n'),
    );
  });
});
