// Every reporting route against DynamoDB Local, over aggregate items written the way the trigger writes them.

import { httpEvent, OTHER_SITE, SITE } from '@footfall/testing';
import { rawView, writeAggregates } from '../helpers/aggregates';
import { bearer, bodyOf, storeTestUser, type TestApi, testApi } from '../helpers/api';
import { createTestTable, INTEGRATION_TIMEOUT_MS, type TestTable } from '../helpers/localTable';

jest.setTimeout(INTEGRATION_TIMEOUT_MS);

const at = (month: number, day: number, hour: number, minute = 0) =>
  Date.UTC(2026, month - 1, day, hour, minute);

/** Five views of four pages on 5 April on the other site, counted with a cap of two distinct pages a day. */
const CAPPED_VIEWS = ['/a', '/a', '/b', '/c', '/d'].map((path, i) =>
  rawView({ site: OTHER_SITE, path, time: at(4, 5, 9 + i) }),
);

/** Views across a month boundary and a day boundary in New York; one bot; two with engagement. */
const VIEWS = [
  rawView({ path: '/', time: at(3, 31, 3), duration: 20, scroll: 40, country: 'US' }),
  rawView({ path: '/', time: at(3, 31, 15), unique: false, referrer: undefined, country: 'US' }),
  rawView({ path: '/pricing', time: at(4, 1, 2), referrer: 'duckduckgo.com', duration: 40, scroll: 100 }),
  rawView({ path: '/pricing', time: at(4, 1, 16), browser: 'Safari', os: 'macOS', utmSource: 'ads' }),
  rawView({ path: '/docs/start', time: at(4, 2, 12), device: 'tablet', os: 'iPadOS', browser: 'Safari' }),
  rawView({ path: '/', time: at(4, 2, 13), bot: true, browser: 'Bingbot', device: 'bot', os: 'Unknown' }),
];

let table: TestTable;
let api: TestApi;

beforeAll(async () => {
  table = await createTestTable({ prefix: 'api-reporting' });
  await writeAggregates(table.client, table.tableName, VIEWS);
  await writeAggregates(table.client, table.tableName, CAPPED_VIEWS, { caps: { page: 2 } });
  await storeTestUser(table.client, table.tableName);
  api = testApi(table.client, table.tableName);
});

afterAll(async () => {
  await table.cleanup();
});

const get = async (path: string, query: Record<string, string> = {}) => {
  const response = await api.handler(httpEvent({ method: 'GET', path, query, headers: bearer() }));
  expect(response.statusCode).toBe(200);
  return response;
};

describe('reporting from DynamoDB Local', () => {
  it('lists the sites', async () => {
    // Act
    const response = await get('/api/sites');

    // Assess
    expect(bodyOf(response)).toEqual({ sites: ['example.com', 'blog.example.org'], role: 'admin' });
  });

  it('answers a daily series in UTC with totals and bots', async () => {
    // Act
    const response = await get('/api/stats/timeseries', { site: SITE, from: '2026-03-31', to: '2026-04-02' });

    // Assess
    expect(bodyOf(response)).toEqual({
      site: SITE,
      path: null,
      interval: 'day',
      tz: 'UTC',
      points: [
        { t: '2026-03-31', views: 2, visitors: 1, avgDuration: 20, avgScroll: 40 },
        { t: '2026-04-01', views: 2, visitors: 2, avgDuration: 40, avgScroll: 100 },
        { t: '2026-04-02', views: 1, visitors: 1, avgDuration: 0, avgScroll: 0 },
      ],
      totals: { views: 5, visitors: 4, avgDuration: 30, avgScroll: 70, bots: 1 },
    });
  });

  it('moves views to their local day in America/New_York', async () => {
    // Act
    const response = await get('/api/stats/timeseries', {
      site: SITE,
      from: '2026-03-30',
      to: '2026-04-02',
      tz: 'America/New_York',
    });

    // Assess: 03:00 UTC on the 31st is the 30th in New York (UTC−4), 02:00 UTC on the 1st is the 31st.
    const points = (bodyOf(response) as { points: { t: string; views: number }[] }).points;
    expect(points.map((p) => [p.t, p.views])).toEqual([
      ['2026-03-30', 1],
      ['2026-03-31', 2],
      ['2026-04-01', 1],
      ['2026-04-02', 1],
    ]);
  });

  it('answers monthly buckets', async () => {
    // Act
    const response = await get('/api/stats/timeseries', {
      site: SITE,
      from: '2026-03-01',
      to: '2026-04-30',
      interval: 'month',
    });

    // Assess
    const points = (bodyOf(response) as { points: { t: string; views: number }[] }).points;
    expect(points.map((p) => [p.t, p.views])).toEqual([
      ['2026-03', 2],
      ['2026-04', 3],
    ]);
  });

  it("answers one page's series from the trie items on its path", async () => {
    // Act
    const response = await get('/api/stats/timeseries', {
      site: SITE,
      from: '2026-04-01',
      to: '2026-04-01',
      path: '/pricing',
      interval: 'hour',
    });

    // Assess
    const body = bodyOf(response) as {
      points: { t: string; views: number }[];
      totals: Record<string, number>;
    };
    expect(body.points).toHaveLength(24);
    expect(body.points.filter((p) => p.views > 0).map((p) => p.t)).toEqual([
      '2026-04-01T02:00Z',
      '2026-04-01T16:00Z',
    ]);
    expect(body.totals).toEqual({ views: 2, visitors: 2, avgDuration: 40, avgScroll: 100, bots: 0 });
  });

  it.each([
    [
      'page',
      {},
      [
        { value: '/', views: 2, visitors: 1 },
        { value: '/pricing', views: 2, visitors: 2 },
        { value: '/docs/start', views: 1, visitors: 1 },
      ],
    ],
    ['page', { path: '/docs/' }, [{ value: '/docs/start', views: 1, visitors: 1 }]],
    [
      'referrer',
      {},
      [
        { value: 'google.com', views: 3, visitors: 3 },
        { value: 'duckduckgo.com', views: 1, visitors: 1 },
      ],
    ],
    [
      'browser',
      {},
      [
        { value: 'Chrome', views: 3, visitors: 2 },
        { value: 'Safari', views: 2, visitors: 2 },
      ],
    ],
    [
      'os',
      {},
      [
        { value: 'Windows', views: 3, visitors: 2 },
        { value: 'iPadOS', views: 1, visitors: 1 },
        { value: 'macOS', views: 1, visitors: 1 },
      ],
    ],
    [
      'device',
      {},
      [
        { value: 'desktop', views: 4, visitors: 3 },
        { value: 'tablet', views: 1, visitors: 1 },
      ],
    ],
    [
      'country',
      {},
      [
        { value: 'DE', views: 3, visitors: 3 },
        { value: 'US', views: 2, visitors: 1 },
      ],
    ],
    ['utm_source', {}, [{ value: 'ads', views: 1, visitors: 1 }]],
    ['utm_campaign', {}, []],
  ])('breaks the range down by %s %j', async (dimension, extra, rows) => {
    // Act
    const response = await get('/api/stats/breakdown', {
      site: SITE,
      from: '2026-03-31',
      to: '2026-04-02',
      dimension,
      ...extra,
    });

    // Assess
    expect(bodyOf(response)).toEqual({ dimension, rows });
  });

  it('exports daily views per page as CSV', async () => {
    // Act
    const response = await get('/api/stats/export', { site: SITE, from: '2026-03-31', to: '2026-04-02' });

    // Assess
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.body).toBe(
      [
        'date,path,views,visitors',
        '2026-03-31,/,2,1',
        '2026-04-01,/pricing,2,2',
        '2026-04-02,/docs/start,1,1',
        '',
      ].join('\n'),
    );
  });

  it("counts pages past the day's cap in one (other) row, so the breakdown and the export add up", async () => {
    // Prepare
    const day = { site: OTHER_SITE, from: '2026-04-05', to: '2026-04-05' };

    // Act
    const series = bodyOf(await get('/api/stats/timeseries', day)) as { totals: { views: number } };
    const breakdown = bodyOf(await get('/api/stats/breakdown', { ...day, dimension: 'page' })) as {
      rows: { value: string; views: number }[];
    };
    const csv = (await get('/api/stats/export', day)).body ?? '';

    // Assess: two pages have rows of their own, the rest is (other), and every view is in one row.
    const sum = (views: number[]) => views.reduce((n, v) => n + v, 0);
    expect(series.totals.views).toBe(5);
    expect(breakdown.rows.map((r) => r.value).filter((v) => v !== '(other)')).toHaveLength(2);
    expect(breakdown.rows.some((r) => r.value === '(other)')).toBe(true);
    expect(sum(breakdown.rows.map((r) => r.views))).toBe(5);
    const lines = csv.trim().split('\n').slice(1);
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.startsWith('2026-04-05,(other),'))).toBe(true);
    expect(sum(lines.map((l) => Number(l.split(',')[2])))).toBe(5);
  });

  it('logs the read units DynamoDB reported', async () => {
    // Prepare
    api.logs.length = 0;

    // Act
    await get('/api/stats/breakdown', {
      site: SITE,
      from: '2026-03-01',
      to: '2026-04-30',
      dimension: 'page',
    });

    // Assess
    const request = api.logs.map((l) => JSON.parse(l)).find((l) => l.message === 'request');
    expect(request?.readUnits).toBeGreaterThan(0);
  });
});
