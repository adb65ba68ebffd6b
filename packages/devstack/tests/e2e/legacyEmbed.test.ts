// The original embed's exact requests, built by a port of its own code, through `pnpm dev`'s real stack (local
// HTTP API, api-fn bundle, DynamoDB Local, stream poller, trigger bundle), read back through the reporting API
// and through the old dashboard's six routes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  AGREEING_USER_AGENTS,
  appendRequest,
  BOT_USER_AGENT,
  type DashboardFetch,
  EmbedView,
  oldDashboardClient,
  pixelRequest,
  scrollPosition,
} from '@footfall/legacy-ports';
import { type Stack, startStack } from '../../src/startStack';
import { rawRequest } from '../helpers/rawHttp';
import { breakdown, pollUntil, type Row, signIn, totals } from '../helpers/reporting';

jest.setTimeout(180_000);

/** The blog the embed runs on; a second site is configured, so nothing can fall back to "the only site". */
const SITE = 'blog.example';
const PAGE_ORIGIN = `https://${SITE}`;

let dataDir: string;
let stack: Stack | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'devstack-legacy-'));
  stack = await startStack({
    dataDir,
    port: 0,
    dynamodbPort: 0,
    logLevel: 'warn',
    hotReload: false,
    output: () => undefined,
    parameters: { AllowedSites: `${SITE},localhost`, AllowedOrigins: PAGE_ORIGIN },
  });
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** One page load of the embed: where the visitor came from and when it sent its appends. */
interface Visit {
  path: string;
  /** `document.referrer` in the browser; the embed cleans it before sending. */
  referrer: string;
  userAgent: string;
  /** [seconds after load, scroll position %] of each sendBeacon. */
  beacons: [number, number][];
}

const VISITS: Visit[] = [
  {
    path: '/',
    referrer: 'https://news.ycombinator.com/item?id=42',
    userAgent: AGREEING_USER_AGENTS.Chrome,
    beacons: [[30, 40]],
  },
  {
    path: '/blog/post',
    referrer: 'https://www.google.com/',
    userAgent: AGREEING_USER_AGENTS.Firefox,
    // Hidden and shown again, then left: two appends, the second larger.
    beacons: [
      [20, 30],
      [65, 80],
    ],
  },
  { path: '/blog/post', referrer: `${PAGE_ORIGIN}/`, userAgent: AGREEING_USER_AGENTS.Chrome, beacons: [] },
  { path: '/about', referrer: '', userAgent: AGREEING_USER_AGENTS.Safari, beacons: [[5, 100]] },
  {
    path: '/',
    referrer: 'https://m.facebook.com/story.php?id=1',
    userAgent: AGREEING_USER_AGENTS.Chrome,
    beacons: [[12, 10]],
  },
  { path: '/', referrer: '', userAgent: BOT_USER_AGENT, beacons: [[3, 5]] },
];

/** Replays one visit: the pixel as an image load, then each append as sendBeacon sends it. */
async function replay(api: string, visit: Visit): Promise<number[]> {
  const start = Date.now();
  const view = new EmbedView({
    pathname: visit.path,
    userAgent: visit.userAgent,
    referrer: visit.referrer,
    viewport: { width: 1280, height: 800 },
    screen: { width: 1920, height: 1080 },
    timeZone: 'Europe/London',
    start,
  });
  const requests = [pixelRequest(view, PAGE_ORIGIN)];
  for (const [seconds, percent] of visit.beacons)
    requests.push(
      appendRequest(view, view.beaconAt(start + seconds * 1000, scrollPosition(percent, 100)), PAGE_ORIGIN),
    );
  const statuses: number[] = [];
  for (const r of requests)
    statuses.push(
      (await rawRequest(`${api}${r.path}`, { method: r.method, headers: r.headers, body: r.body })).status,
    );
  return statuses;
}

const rowsOf = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.value, [r.views, r.visitors]]));

async function snapshot(api: string, token: string) {
  const [t, referrers, pages, browsers] = await Promise.all([
    totals(api, token, SITE),
    breakdown(api, token, 'referrer', SITE),
    breakdown(api, token, 'page', SITE),
    breakdown(api, token, 'browser', SITE),
  ]);
  // Rebuilt here: fetch's JSON comes from another realm, which isDeepStrictEqual tells apart.
  const { views, visitors, avgDuration, avgScroll, bots } = t;
  return {
    totals: { views, visitors, avgDuration, avgScroll, bots },
    referrers: rowsOf(referrers),
    pages: rowsOf(pages),
    browsers: rowsOf(browsers),
  };
}

/** ISO week number of a UTC instant (the old dashboard's getISOWeek). */
function isoWeek(ms: number): number {
  const d = new Date(ms);
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
  return Math.ceil(((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
}

test('views, visitors, referrers, duration and scroll of the embed’s requests, and the old dashboard’s routes', async () => {
  // Prepare
  if (stack === undefined) throw new Error('the stack did not start');
  const { api } = stack.urls;
  const token = await signIn(api, 'admin', stack.adminPassword);
  const sentAt = Date.now();

  // Act
  const statuses = [];
  for (const visit of VISITS) statuses.push(await replay(api, visit));
  const sentUntil = Date.now();
  const expected = {
    // Five views (the crawler is a bot); four arrived from outside or directly; engagement is each view's largest.
    totals: {
      views: 5,
      visitors: 4,
      avgDuration: (30 + 65 + 5 + 12) / 4,
      avgScroll: (40 + 80 + 100 + 10) / 4,
      bots: 1,
    },
    referrers: { 'news.ycombinator.com': [1, 1], 'google.com': [1, 1], 'facebook.com': [1, 1] },
    pages: { '/': [2, 2], '/blog/post': [2, 1], '/about': [1, 1] },
    browsers: { Chrome: [3, 2], Firefox: [1, 1], Safari: [1, 1] },
  };
  const reported = await pollUntil(
    () => snapshot(api, token),
    (s) => isDeepStrictEqual(s, expected),
  );

  // Assess
  expect(statuses).toEqual([[200, 202], [200, 202, 202], [200], [200, 202], [200, 202], [200, 202]]);
  expect(reported).toEqual(expected);

  // Act: the old dashboard, served by the blog, calls the legacy routes with its token in the body.
  const viaHttp: DashboardFetch = async (url, init) => {
    const response = await rawRequest(url, init);
    return { status: response.status, json: async () => JSON.parse(response.body.toString('utf8')) };
  };
  const dashboard = oldDashboardClient(api, PAGE_ORIGIN, viaHttp);
  // Asked for every month and week the sending spanned (one, unless it crossed midnight at a month's end).
  const periods = (of: (ms: number) => string) =>
    [...new Set([sentAt, sentUntil].map(of))].map((p) => JSON.parse(p));
  const months: { year: number; month: number }[] = periods((ms) =>
    JSON.stringify({ year: new Date(ms).getUTCFullYear(), month: new Date(ms).getUTCMonth() + 1 }),
  );
  const weeks: { year: number; week: number }[] = periods((ms) =>
    JSON.stringify({ year: new Date(ms).getUTCFullYear(), week: isoWeek(ms) }),
  );
  const all = async (route: string, bodies: object[]) => {
    const answers = await Promise.all(bodies.map((b) => dashboard.post(route, { token, ...b })));
    return {
      status: Math.max(...answers.map((a) => a.status)),
      body: answers.flatMap((a) => a.body as unknown[]),
    };
  };
  const [monthViews, weekViews, monthBrowsers, monthPages] = await Promise.all([
    all(
      'api/views/month',
      months.map((m) => ({ path: 'site', ...m })),
    ),
    all(
      'api/views/week',
      weeks.map((w) => ({ path: '/blog/post', ...w })),
    ),
    all('api/browsers/month', months),
    all('api/pages/month', months),
  ]);
  const preflight = await rawRequest(`${api}/api/pages/week`, {
    method: 'OPTIONS',
    headers: {
      origin: PAGE_ORIGIN,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });

  // Assess
  const sum = (entries: unknown, field: string) =>
    (entries as Record<string, number>[]).reduce((n, e) => n + (e[field] ?? 0), 0);
  expect([monthViews.status, weekViews.status, monthBrowsers.status, monthPages.status]).toEqual([
    200, 200, 200, 200,
  ]);
  expect([
    sum(monthViews.body, 'count'),
    sum(monthViews.body, 'duration'),
    sum(monthViews.body, 'scroll'),
  ]).toEqual([5, 30 + 65 + 5 + 12, 40 + 80 + 100 + 10]);
  expect([
    sum(weekViews.body, 'count'),
    sum(weekViews.body, 'duration'),
    sum(weekViews.body, 'scroll'),
  ]).toEqual([2, 65, 80]);
  const byBrowser: Record<string, number> = {};
  for (const e of monthBrowsers.body as { browser: string; count: number }[])
    byBrowser[e.browser] = (byBrowser[e.browser] ?? 0) + e.count;
  expect(byBrowser).toEqual({ Chrome: 3, Firefox: 1, Safari: 1 });
  const byPage: Record<string, number> = {};
  for (const e of monthPages.body as { page: string; count: number }[])
    byPage[e.page] = (byPage[e.page] ?? 0) + e.count;
  expect(byPage).toEqual({ '/': 2, '/about': 1, '/blog/post': 2 });
  if (months.length === 1)
    expect((monthPages.body as { page: string }[]).map((e) => e.page)).toEqual(['/', '/about', '/blog/post']);
  expect([preflight.status, preflight.headers['access-control-allow-origin']]).toEqual([204, PAGE_ORIGIN]);
});
