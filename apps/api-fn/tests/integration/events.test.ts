// Custom events end to end on DynamoDB Local: ingest through the handler, the trigger's steps over the real
// stream, then the event and prop breakdowns, goals (admin routes, report, timeseries, CSV).
import { randomUUID } from 'node:crypto';
import { utcDayKey } from '@footfall/core-model';
import {
  BOT_UA,
  CHROME_UA,
  customEvent,
  type HttpEventInput,
  httpEvent,
  pageview,
  SITE,
} from '@footfall/testing';
import { bearer, bodyOf, errorCode, storeTestUser, type TestApi, testApi, tokenFor } from '../helpers/api';
import { createTestTable, INTEGRATION_TIMEOUT_MS, type TestTable } from '../helpers/localTable';
import { runTrigger } from '../helpers/trigger';

jest.setTimeout(INTEGRATION_TIMEOUT_MS);

let table: TestTable;
let api: TestApi;
let day: string;

const post = (body: unknown, userAgent = CHROME_UA): HttpEventInput => ({
  method: 'POST',
  path: '/api/event',
  headers: { 'content-type': 'text/plain', 'user-agent': userAgent },
  body: JSON.stringify(body),
});

const send = async (input: HttpEventInput) => {
  const response = await api.handler(httpEvent(input));
  const json = response.headers?.['content-type']?.startsWith('application/json');
  return { status: response.statusCode, body: json ? bodyOf(response) : undefined, raw: response };
};

const get = (path: string, query: Record<string, string>) =>
  send({ method: 'GET', path, query: { site: SITE, from: day, to: day, ...query }, headers: auth() });

const admin = (method: 'POST' | 'DELETE', path: string, body?: unknown) =>
  send({
    method,
    path,
    headers: { ...auth(), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** A session signed at the test's clock. */
const auth = () => bearer(tokenFor('admin', { now: api.clock.now }));

beforeAll(async () => {
  table = await createTestTable({ prefix: 'api-events' });
  api = testApi(table.client, table.tableName);
  // The real clock: DynamoDB Local deletes raw items whose TTL has passed.
  api.clock.now = Date.now();
  day = utcDayKey(api.clock.now);
  await storeTestUser(table.client, table.tableName);

  // Three views; the first signs up three times (pro, pro, free), the second once (pro) and downloads a PDF; a bot
  // sends an event too, and one event is retried.
  const [v1, v2, v3] = [randomUUID(), randomUUID(), randomUUID()];
  for (const [id, path] of [
    [v1, '/pricing'],
    [v2, '/blog/hello'],
    [v3, '/docs/api/keys'],
  ] as const)
    expect((await send(post(pageview({ id, path, referrer: undefined })))).status).toBe(202);
  const retried = customEvent({ id: randomUUID(), view: v1, path: '/pricing', props: { plan: 'pro' } });
  const events = [
    retried,
    retried,
    customEvent({ id: randomUUID(), view: v1, path: '/pricing', props: { plan: 'pro' } }),
    customEvent({ id: randomUUID(), view: v1, path: '/pricing', props: { plan: 'free' } }),
    customEvent({ id: randomUUID(), view: v2, path: '/blog/hello', props: { plan: 'pro' } }),
    customEvent({
      id: randomUUID(),
      view: v2,
      path: '/blog/hello',
      name: 'File Download',
      props: { url: 'https://example.com/guide.pdf' },
    }),
  ];
  for (const e of events) expect((await send(post(e))).status).toBe(202);
  expect((await send(post(customEvent({ id: randomUUID(), view: v3 }), BOT_UA))).status).toBe(202);
  await runTrigger(table, { batchSize: 3 });
});

afterAll(async () => {
  await table.cleanup();
});

describe('custom events and goals on DynamoDB Local', () => {
  it('breaks events down by name: events, and views that converted once', async () => {
    const r = await get('/api/stats/breakdown', { dimension: 'event' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      dimension: 'event',
      rows: [
        { value: 'signup', events: 4, conversions: 2 },
        { value: 'File Download', events: 1, conversions: 1 },
      ],
    });
  });

  it('breaks one event’s prop down by value', async () => {
    const r = await get('/api/stats/breakdown', { dimension: 'prop', event: 'signup', prop: 'plan' });
    expect(r.body).toEqual({
      dimension: 'prop',
      event: 'signup',
      prop: 'plan',
      rows: [
        { value: 'pro', events: 3, conversions: 2 },
        { value: 'free', events: 1, conversions: 1 },
      ],
    });
    const allKeys = await get('/api/stats/breakdown', { dimension: 'prop', event: 'File Download' });
    expect(allKeys.body).toEqual({
      dimension: 'prop',
      event: 'File Download',
      rows: [{ value: 'https://example.com/guide.pdf', prop: 'url', events: 1, conversions: 1 }],
    });
    const missing = await get('/api/stats/breakdown', { dimension: 'prop', prop: 'plan' });
    expect([missing.status, errorCode(missing.raw)]).toEqual([400, 'missing_filter']);
  });

  it('adds goals, reports them with their rate, their series and a CSV, and removes them', async () => {
    // Prepare
    const added = [];
    for (const [kind, match] of [
      ['event', 'signup'],
      ['page', '/blog/*'],
      ['page', '/docs/**'],
      ['page', '/pricing'],
    ]) {
      api.clock.now += 1; // goals list in the order they were added
      const r = await admin('POST', `/api/sites/${SITE}/goals`, { kind, match });
      expect(r.status).toBe(201);
      added.push(r.body as { id: string; kind: string; match: string });
    }
    const again = await admin('POST', `/api/sites/${SITE}/goals`, { kind: 'event', match: 'signup' });
    const bad = await admin('POST', `/api/sites/${SITE}/goals`, { kind: 'page', match: '/blog/a*' });
    const otherSite = await admin('POST', '/api/sites/not-mine.example/goals', { kind: 'event', match: 'x' });

    // Act
    const report = await get('/api/stats/goals', {});
    const series = await get('/api/stats/timeseries', { goal: added[0]?.id ?? '', interval: 'day' });
    const csv = await get('/api/stats/goals', { format: 'csv' });
    const removed = await admin('DELETE', `/api/sites/${SITE}/goals/${added[1]?.id}`);
    const removedAgain = await admin('DELETE', `/api/sites/${SITE}/goals/${added[1]?.id}`);
    const after = await get('/api/stats/goals', {});

    // Assess
    expect([again.status, (again.body as { id: string }).id]).toEqual([200, added[0]?.id]);
    expect([bad.status, errorCode(bad.raw)]).toEqual([400, 'invalid_goal_match']);
    expect([otherSite.status, errorCode(otherSite.raw)]).toEqual([403, 'site_not_allowed']);
    const rate = Math.round((2 / 3) * 10_000) / 10_000;
    const third = Math.round((1 / 3) * 10_000) / 10_000;
    expect(report.body).toEqual({
      goals: [
        { ...added[0], events: 4, conversions: 2, rate },
        { ...added[1], events: 1, conversions: 1, rate: third },
        { ...added[2], events: 1, conversions: 1, rate: third },
        { ...added[3], events: 1, conversions: 1, rate: third },
      ],
    });
    expect(series.body).toEqual({
      site: SITE,
      goal: added[0],
      interval: 'day',
      tz: 'UTC',
      points: [{ t: day, events: 4, conversions: 2 }],
      totals: { events: 4, conversions: 2 },
    });
    expect(csv.raw.headers?.['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.raw.body?.split('\r\n')).toEqual([
      'date,goal,kind,match,events,conversions,views,rate',
      `${day},${added[0]?.id},event,signup,4,2,3,${rate}`,
      `${day},${added[1]?.id},page,/blog/*,1,1,3,${third}`,
      `${day},${added[2]?.id},page,/docs/**,1,1,3,${third}`,
      `${day},${added[3]?.id},page,/pricing,1,1,3,${third}`,
      '',
    ]);
    expect([removed.status, removedAgain.status]).toEqual([204, 404]);
    expect((after.body as { goals: unknown[] }).goals).toHaveLength(3);
  });

  it('counts a bot’s events apart, in no breakdown', async () => {
    const r = await get('/api/stats/breakdown', { dimension: 'event' });
    expect((r.body as { rows: { events: number }[] }).rows.reduce((n, row) => n + row.events, 0)).toBe(5);
  });
});
