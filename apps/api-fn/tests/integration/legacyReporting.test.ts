// The six legacy reporting routes called as the old dashboard calls them, against DynamoDB Local: the same
// workload, sent through the original embed's requests, is counted by Footfall and by a port of the original
// system, and each answer must be the one the original Rust API gave.
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { decodeRawView, type Item, type RawView } from '@footfall/core-model';
import {
  buildOriginalTable,
  type DashboardFetch,
  embedRequestsOf,
  legacyWorkload,
  type OriginalRequest,
  type OriginalVisit,
  oldDashboardClient,
  originalAnswer,
  reportTotals,
} from '@footfall/legacy-ports';
import { httpEvent, OTHER_SITE, SITE } from '@footfall/testing';
import { writeAggregates } from '../helpers/aggregates';
import {
  bodyOf,
  errorCode,
  NOW,
  storeTestUser,
  type TestApi,
  tamper,
  testApi,
  tokenFor,
} from '../helpers/api';
import { createTestTable, INTEGRATION_TIMEOUT_MS, type TestTable } from '../helpers/localTable';

jest.setTimeout(INTEGRATION_TIMEOUT_MS * 3);

/** The blog that embedded the original script and served the old dashboard. */
const PAGE_ORIGIN = `https://www.${SITE}`;

/** 150 visits from 20 December 2024 to 13 January 2025: a year boundary inside an ISO week. */
const VISITS = legacyWorkload({
  seed: 13,
  start: Date.UTC(2024, 11, 20, 5),
  days: 25,
  visits: 150,
  secondAppends: false,
});

/** June 2023: crawlers and pages that sent a second append, where Footfall counts differently (docs/compat.md). */
const DIFFERING = legacyWorkload({
  seed: 7,
  start: Date.UTC(2023, 5, 1),
  days: 30,
  visits: 60,
  botShare: 0.25,
});

let footfall: TestTable;
let original: TestTable;
let api: TestApi;

/** Sends a visit's embed requests through api-fn at the visit's time. */
async function ingest(visits: readonly OriginalVisit[]): Promise<void> {
  for (const visit of visits) {
    api.clock.now = visit.time;
    const { pixel, appends } = embedRequestsOf(visit, PAGE_ORIGIN);
    for (const request of [pixel, ...appends]) {
      const response = await api.handler(
        httpEvent({
          method: request.method,
          path: request.path,
          headers: request.headers,
          body: request.body,
        }),
      );
      expect(response.statusCode).toBeLessThan(300);
    }
  }
}

/** Aggregates the stored raw views as the trigger does (the stream is not part of this test). */
async function aggregateRawViews(): Promise<void> {
  const out = await footfall.client.send(
    new ScanCommand({ TableName: footfall.tableName, ConsistentRead: true }),
  );
  const views: RawView[] = [];
  for (const item of (out.Items ?? []) as Item[]) {
    const view = decodeRawView(item);
    if (view.ok) views.push(view.value);
  }
  expect(views).toHaveLength(VISITS.length + DIFFERING.length);
  await writeAggregates(footfall.client, footfall.tableName, views);
}

/** fetch for the old dashboard's client, answered by the api-fn handler as API Gateway would hand it over. */
const viaHandler: DashboardFetch = async (url, init) => {
  const response = await api.handler(
    httpEvent({ method: init.method, path: new URL(url).pathname, body: init.body, headers: init.headers }),
  );
  return { status: response.statusCode, json: async () => bodyOf(response) };
};

const dashboard = () => oldDashboardClient('https://pv.example.net', PAGE_ORIGIN, viaHandler);

beforeAll(async () => {
  [footfall, original] = await Promise.all([
    createTestTable({ prefix: 'api-legacy' }),
    createTestTable({ prefix: 'api-legacy-original' }),
  ]);
  // Two sites: the routes must find example.com from the page's Origin/Referer, as the original never named it.
  // A century of retention: the visits lie in the past, and DynamoDB Local deletes expired raw views.
  api = testApi(footfall.client, footfall.tableName, {
    allowedSites: [SITE, OTHER_SITE],
    retentionDays: 36_500,
  });
  await ingest([...DIFFERING, ...VISITS]);
  // Back to the present of the test tokens.
  api.clock.now = NOW;
  await aggregateRawViews();
  // The tokens' user: api-fn checks every token against its stored user.
  await storeTestUser(footfall.client, footfall.tableName);
  await buildOriginalTable(original.client, original.tableName, [...DIFFERING, ...VISITS]);
});

afterAll(async () => {
  await Promise.all([footfall.cleanup(), original.cleanup()]);
});

const WEEKS = [
  [2024, 51],
  [2024, 52],
  [2024, 1], // 30–31 December 2024: ISO week 1 of 2025, which the original keyed under 2024
  [2025, 1],
  [2025, 2],
  [2025, 3],
] as const;
const MONTHS = [
  [2024, 12],
  [2025, 1],
] as const;

const REQUESTS: OriginalRequest[] = [
  ...WEEKS.flatMap(([year, week]): OriginalRequest[] => [
    { route: 'api/views/week', path: 'site', year, week },
    { route: 'api/views/week', path: '/blog/hello-world', year, week },
    { route: 'api/browsers/week', year, week },
    { route: 'api/pages/week', year, week },
  ]),
  ...MONTHS.flatMap(([year, month]): OriginalRequest[] => [
    { route: 'api/views/month', path: 'site', year, month },
    { route: 'api/views/month', path: '/', year, month },
    { route: 'api/browsers/month', year, month },
    { route: 'api/pages/month', year, month },
  ]),
];

describe('the legacy routes answer what the original Rust API answered', () => {
  it.each(REQUESTS.map((r) => [JSON.stringify(r), r] as const))('%s', async (_, request) => {
    // Prepare
    const { route, ...body } = request;

    // Act
    const answered = await dashboard().post(route, { token: tokenFor(), ...body });
    const expected = await originalAnswer(original.client, original.tableName, request);

    // Assess: the same JSON text, so field order and number types match too (and never two empty answers).
    expect(expected.length).toBeGreaterThan(0);
    expect(answered.status).toBe(200);
    expect(JSON.stringify(answered.body)).toBe(JSON.stringify(expected));
  });

  it('counts every visit of a month once, with the totals of duration and scroll the embed sent', async () => {
    // Prepare
    const inDecember = VISITS.filter((v) => new Date(v.time).getUTCMonth() === 11);
    const sum = (f: (a: { duration: number; scroll: number }) => number) =>
      inDecember.reduce((n, v) => n + (v.appends ?? []).reduce((m, a) => m + f(a), 0), 0);

    // Act: the dashboard asks with a JavaScript (0-based) month.
    const days = await dashboard().getMonthViews(tokenFor(), 'site', 2024, 11);

    // Assess
    expect(days).toHaveLength(31);
    expect(days.reduce((n, d) => n + (d.count ?? 0), 0)).toBe(inDecember.length);
    expect(days.reduce((n, d) => n + (d.duration ?? 0), 0)).toBe(sum((a) => a.duration));
    expect(days.reduce((n, d) => n + (d.scroll ?? 0), 0)).toBe(sum((a) => a.scroll));
  });

  it("fills the dashboard's week, browser chart and page table as it expects", async () => {
    // Act
    const client = dashboard();
    const [week, browsers, pages] = await Promise.all([
      client.getWeekViews(tokenFor(), 'site', 2025, 1),
      client.getBrowsersWeek(tokenFor(), 2025, 1),
      client.getWeekPageCount(tokenFor(), 2025, 1),
    ]);
    const totals = reportTotals(
      week.map((d) => ({ views: d.count ?? 0, scroll: d.scroll ?? 0, duration: d.duration ?? 0 })),
    );

    // Assess: Monday first, 7 days; every browser has 7 points; the page counts add up to the week's views.
    expect(week.map((d) => d.day)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(totals.views).toBeGreaterThan(0);
    expect(Object.keys(browsers.browsers).sort()).toEqual(['Chrome', 'Firefox', 'Safari']);
    for (const points of Object.values(browsers.browsers))
      expect(points.map((p) => p.day)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(pages.reduce((n, p) => n + p.count, 0)).toBe(totals.views);
  });
});

describe('where Footfall counts differently from the original (docs/compat.md)', () => {
  /** Per day of June 2023: [count, duration, scroll] as each system defines them. */
  function expectedPerDay(footfallRules: boolean): Map<number, number[]> {
    const out = new Map<number, number[]>();
    for (const v of DIFFERING) {
      const bot = v.userAgent.includes('Googlebot');
      if (footfallRules && bot) continue;
      const appends = v.appends ?? [];
      // Footfall keeps a view's largest engagement; the original added every append it received.
      const duration = footfallRules
        ? Math.max(0, ...appends.map((a) => a.duration))
        : appends.reduce((n, a) => n + a.duration, 0);
      const scroll = footfallRules
        ? Math.max(0, ...appends.map((a) => a.scroll))
        : appends.reduce((n, a) => n + a.scroll, 0);
      const day = new Date(v.time).getUTCDate();
      const [c, d, s] = out.get(day) ?? [0, 0, 0];
      out.set(day, [(c ?? 0) + 1, (d ?? 0) + duration, (s ?? 0) + scroll]);
    }
    return out;
  }

  it('leaves crawlers out of the views and counts a view that sent two appends once', async () => {
    // Prepare
    const request = { route: 'api/views/month', path: 'site', year: 2023, month: 6 } as const;
    const asMap = (entries: unknown) =>
      new Map(
        (entries as { day: number; count: number; duration: number; scroll: number }[]).map((e) => [
          e.day,
          [e.count, e.duration, e.scroll],
        ]),
      );

    // Act
    const answered = await dashboard().post(request.route, { token: tokenFor(), ...request });
    const originally = await originalAnswer(original.client, original.tableName, request);

    // Assess: the workload has both differences, so the two answers must differ exactly as documented.
    expect(DIFFERING.some((v) => v.userAgent.includes('Googlebot'))).toBe(true);
    expect(DIFFERING.some((v) => (v.appends ?? []).length > 1)).toBe(true);
    expect(asMap(answered.body)).toEqual(expectedPerDay(true));
    expect(asMap(originally)).toEqual(expectedPerDay(false));
  });
});

describe('the legacy routes refuse what the original refused, in the SPEC §3 error shape', () => {
  const body = { path: 'site', year: 2025, week: 1 };

  it.each([
    ['no token', { ...body }, 401, 'missing_token'],
    ['a tampered token', { ...body, token: tamper(tokenFor()) }, 401, 'invalid_token'],
    [
      'a token of another time',
      { ...body, token: tokenFor('admin', { now: Date.UTC(2020, 0, 1) }) },
      401,
      'expired_token',
    ],
    ['a week given as text', { ...body, token: tokenFor(), week: 'one' }, 400, 'invalid_body'],
    [
      'a site that is not configured',
      { ...body, token: tokenFor(), site: 'evil.example' },
      403,
      'site_not_allowed',
    ],
  ])('answers %s with %i %s', async (_, request, status, code) => {
    // Act
    const answered = await dashboard().post('api/views/week', request);

    // Assess
    expect(answered.status).toBe(status);
    expect((answered.body as { error: { code: string } }).error.code).toBe(code);
  });

  it('answers 400 missing_site when several sites are configured and the request names none', async () => {
    // Act
    const response = await api.handler(
      httpEvent({ method: 'POST', path: '/api/views/week', body: { ...body, token: tokenFor() } }),
    );
    const named = await api.handler(
      httpEvent({
        method: 'POST',
        path: '/api/views/week',
        body: { ...body, token: tokenFor(), site: SITE },
      }),
    );

    // Assess
    expect([response.statusCode, errorCode(response)]).toEqual([400, 'missing_site']);
    expect(named.statusCode).toBe(200);
    expect(bodyOf(named)).toEqual(
      (await dashboard().post('api/views/week', { ...body, token: tokenFor() })).body,
    );
  });

  it('answers 405 to GET, as the routes are POST only', async () => {
    // Act
    const response = await api.handler(httpEvent({ method: 'GET', path: '/api/pages/month' }));

    // Assess
    expect([response.statusCode, errorCode(response), response.headers.allow]).toEqual([
      405,
      'method_not_allowed',
      'POST',
    ]);
  });
});
