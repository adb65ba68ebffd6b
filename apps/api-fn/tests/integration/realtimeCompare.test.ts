// GET /api/stats/realtime and timeseries&compare=previous against DynamoDB Local, over aggregates written by the
// trigger's own writer: the last five minutes, and the previous period aligned to each interval and time zone.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { itemBytes, type RawView, realtimeKey, realtimeMinute, ViewDelta } from '@footfall/core-model';
import { aggregate } from '@footfall/store';
import { httpEvent, SITE } from '@footfall/testing';
import { rawView, writeAggregates } from '../helpers/aggregates';
import { bodyOf, storeTestUser, type TestApi, testApi, tokenFor } from '../helpers/api';
import { createTestTable, INTEGRATION_TIMEOUT_MS, type TestTable } from '../helpers/localTable';

jest.setTimeout(INTEGRATION_TIMEOUT_MS);

const at = (month: number, day: number, hour: number, minute = 0) =>
  Date.UTC(2026, month - 1, day, hour, minute);

let table: TestTable;
let api: TestApi;
let counter = 0;

/** A view with a fresh id (the realtime items count views, not ids, but the trigger folds by record). */
const view = (overrides: Partial<RawView>): RawView => {
  counter += 1;
  return rawView({ id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`, ...overrides });
};

beforeEach(async () => {
  table = await createTestTable({ prefix: 'api-realtime' });
  await storeTestUser(table.client, table.tableName);
  api = testApi(table.client, table.tableName);
});

afterEach(async () => {
  await table.cleanup();
});

async function get(path: string, query: Record<string, string>) {
  // A token issued at the handler's clock (realtime tests run at the real time).
  const headers = { authorization: `Bearer ${tokenFor('admin', { now: api.clock.now })}` };
  const response = await api.handler(httpEvent({ method: 'GET', path, query, headers }));
  return {
    status: response.statusCode,
    body: bodyOf(response) as Record<string, unknown>,
    headers: response.headers,
  };
}

/** Counts views as the trigger does when they arrive at `now` (recent ones also feed the realtime items). */
async function countAt(now: number, views: RawView[]) {
  const delta = new ViewDelta({ realtimeSince: now - 10 * 60_000 });
  for (const v of views) delta.addChange(undefined, v);
  const outcome = await aggregate({ dynamodb: table.client, tableName: table.tableName }, delta, {
    now: () => now,
  });
  expect(outcome.status).toBe('applied');
}

describe('GET /api/stats/realtime', () => {
  test('sums the last five clock minutes: views, visitors, top pages and referrers; older minutes and old views stay out', async () => {
    // Prepare: now is mm:30 of the current minute m (real time: DynamoDB Local deletes items whose TTL has
    // passed); views of m-4 … m count, m-5 does not, and a view of an hour ago counted now (a backlog) never
    // reaches a realtime item.
    const m = Math.floor(Date.now() / 60_000) * 60_000;
    const now = m + 30_000;
    api.clock.now = now;
    await countAt(m - 5 * 60_000 + 1_000, [view({ path: '/old', time: m - 5 * 60_000 })]);
    await countAt(now, [
      view({ path: '/', time: m - 4 * 60_000, referrer: 'news.ycombinator.com' }),
      view({ path: '/', time: m - 2 * 60_000, unique: false, referrer: undefined }),
      view({ path: '/pricing', time: m, referrer: 'news.ycombinator.com' }),
      view({ path: '/late', time: m - 60 * 60_000 }),
      view({ path: '/', time: m - 60_000, bot: true, device: 'bot' }),
    ]);

    // Act
    const r = await get('/api/stats/realtime', { site: SITE });

    // Assess
    expect(r.body.error).toBeUndefined();
    expect(r.status).toBe(200);
    expect(r.headers?.['cache-control']).toBe('no-store');
    expect(r.body).toEqual({
      site: SITE,
      windowSeconds: 300,
      views: 3,
      visitors: 2,
      pages: [
        { value: '/', views: 2 },
        { value: '/pricing', views: 1 },
      ],
      referrers: [{ value: 'news.ycombinator.com', views: 2 }],
    });
  });

  test('a minute of 500 distinct long paths stays one write unit: the busiest are named, the rest are (other)', async () => {
    // Prepare
    const m = Math.floor(Date.now() / 60_000) * 60_000;
    const now = m + 50_000;
    api.clock.now = now;
    const views = Array.from({ length: 500 }, (_, i) => view({ path: `/${'x'.repeat(400)}${i}`, time: m }));
    views.push(view({ path: '/home', time: m }), view({ path: '/home', time: m }));

    // Act
    await countAt(now, views);
    const r = await get('/api/stats/realtime', { site: SITE });

    // Assess
    expect(r.body.views).toBe(502);
    const pages = r.body.pages as { value: string; views: number }[];
    expect(pages[0]).toEqual({ value: '(other)', views: expect.any(Number) });
    expect(pages.reduce((n, p) => n + p.views, 0)).toBeLessThanOrEqual(502);
    expect(pages.some((p) => p.value === '/home' && p.views === 2)).toBe(true);
    const { Item } = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: realtimeKey(SITE, realtimeMinute(m)) }),
    );
    expect(Item).toBeDefined();
    expect(itemBytes(Item ?? {})).toBeLessThanOrEqual(1024);
  });

  test('refuses a site it does not serve and a request without a token', async () => {
    expect((await get('/api/stats/realtime', { site: 'nope.example' })).status).toBe(403);
    const anonymous = await api.handler(
      httpEvent({ method: 'GET', path: '/api/stats/realtime', query: { site: SITE } }),
    );
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('GET /api/stats/timeseries&compare=previous', () => {
  const series = async (query: Record<string, string>) =>
    (await get('/api/stats/timeseries', { site: SITE, compare: 'previous', ...query })).body as {
      points: { t: string; views: number }[];
      totals: { views: number };
      previous: {
        from: string;
        to: string;
        points: { t: string; views: number }[];
        totals: { views: number };
      };
    };

  beforeEach(async () => {
    // One view a day from 1 Feb to 31 Mar 2026, at 12:00 UTC; two on 1 March.
    const views: RawView[] = [];
    for (let t = at(2, 1, 12); t <= at(3, 31, 12); t += 86_400_000) views.push(view({ time: t }));
    views.push(view({ time: at(3, 1, 13) }));
    await writeAggregates(table.client, table.tableName, views);
  });

  test.each([
    ['day', '2026-03-10', '2026-03-16', '2026-03-03', '2026-03-09', 7],
    ['week', '2026-03-16', '2026-03-29', '2026-03-02', '2026-03-15', 2],
    ['hour', '2026-03-10', '2026-03-10', '2026-03-09', '2026-03-09', 24],
  ])(
    '%s interval: the previous period is as long, just before, bucketed alike',
    async (interval, from, to, pFrom, pTo, n) => {
      // Act
      const r = await series({ from, to, interval });

      // Assess
      expect(r.previous.from).toBe(pFrom);
      expect(r.previous.to).toBe(pTo);
      expect(r.previous.points).toHaveLength(n);
      expect(r.points).toHaveLength(n);
      expect(r.previous.totals.views).toBe(r.totals.views);
    },
  );

  test('month interval over whole months compares with the previous whole months (28 days of February)', async () => {
    const r = await series({ from: '2026-03-01', to: '2026-03-31', interval: 'month' });
    expect(r.points).toEqual([expect.objectContaining({ t: '2026-03', views: 32 })]);
    expect(r.previous).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(r.previous.points).toEqual([expect.objectContaining({ t: '2026-02', views: 28 })]);
  });

  test('in New York across the DST change of 8 March, each period keeps its local days', async () => {
    // 12:00 and 13:00 UTC are 07:00/08:00 in New York before 8 March and 08:00/09:00 after: every view stays
    // on its own local day, and 1 March (two views) is the previous period's first day.
    const r = await series({ from: '2026-03-08', to: '2026-03-14', interval: 'day', tz: 'America/New_York' });
    expect(r.points.map((p) => [p.t, p.views])).toEqual(
      ['2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14'].map(
        (t) => [t, 1],
      ),
    );
    expect(r.previous).toMatchObject({ from: '2026-03-01', to: '2026-03-07' });
    expect(r.previous.points.map((p) => p.views)).toEqual([2, 1, 1, 1, 1, 1, 1]);
  });

  test('an empty previous period answers zeros in every bucket, not an error', async () => {
    const r = await series({ from: '2026-02-01', to: '2026-02-07', interval: 'day' });
    expect(r.previous).toMatchObject({ from: '2026-01-25', to: '2026-01-31', totals: { views: 0 } });
    expect(r.previous.points.map((p) => p.views)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  test('refuses an unknown comparison with its own code', async () => {
    const r = await get('/api/stats/timeseries', {
      site: SITE,
      from: '2026-03-01',
      to: '2026-03-02',
      compare: 'year',
    });
    expect(r.status).toBe(400);
    expect((r.body.error as { code: string }).code).toBe('invalid_compare');
  });
});
