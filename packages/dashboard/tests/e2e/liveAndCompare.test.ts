// End to end on `pnpm dev`'s stack (devstack's startStack: DynamoDB Local, api-fn and its dashboard from the built
// bundle, the stream poller at its default pace, the demo site): a visitor opens the demo site in Chromium and
// the dashboard, open in another tab all along, shows the realtime count rise within 30 s without a reload;
// then the comparison with last week's views (stored through the ingest route's own write, with last week's
// time) shows the dashed previous-period line and the deltas. All of it under the served CSP, with
// screenshots at 1280 and 375 px in test-results/.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { pageviewUpsert, type RawView } from '@footfall/core-model';
import type { RealtimeResponse, TimeseriesResponse } from '@footfall/core-model/schemas';
import type { Browser, Page } from 'playwright-core';
import { changeBetween, formatChange } from '../../src/change';
import { PREVIOUS_COLOR } from '../../src/chartView';
import { addDays, todayIn } from '../../src/days';
import { type BuiltDashboard, buildDashboard } from '../helpers/buildDashboard';
import { launchChromium } from '../helpers/chromium';
import { watchCspViolations } from '../helpers/csp';
import {
  andWaitForData,
  apiAnswer,
  lastRequest,
  signIn,
  tokenOf,
  waitForData,
  watchApiRequests,
} from '../helpers/dashboardUi';
import { pollUntil, type Stack, startRealStack, USER_AGENTS } from '../helpers/realStack';

jest.setTimeout(180_000);

const ARTIFACTS = resolve(__dirname, '../../test-results');
const PASSWORD = 'e2e-live-password';
const SITE = 'localhost';
const TABLE = 'footfall';
const ZONE = 'Europe/Paris';
const DAY_MS = 86_400_000;
/** The acceptance line of issue 17: the count rises within 30 s of the visit, on the open dashboard. */
const REALTIME_BUDGET_MS = 30_000;

let dataDir: string;
let built: BuiltDashboard;
let stack: Stack | undefined;
let browser: Browser;
const output: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'dashboard-live-e2e-'));
  built = buildDashboard();
  // What `pnpm dev` starts (its defaults: the stream poller's pace, site localhost), on free ports.
  stack = await startRealStack({
    dataDir,
    port: 0,
    demoPort: 0,
    dynamodbPort: 0,
    tableName: TABLE,
    adminPassword: PASSWORD,
    logLevel: 'warn',
    hotReload: false,
    output: (line) => output.push(line),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(built.dir, { recursive: true, force: true });
});

/**
 * Stores views of last week the way api-fn's ingest route stores a page view (core-model's pageviewUpsert, the
 * same UpdateItem), only with last week's time: the stream and the trigger then count them as they would have.
 */
async function storeLastWeeksViews(endpoint: string, views: { daysAgo: number; unique: boolean }[]) {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const v of views) {
      // Noon UTC, so the view is on that calendar day in Europe/Paris too.
      const time = Math.floor((Date.now() - v.daysAgo * DAY_MS) / DAY_MS) * DAY_MS + 12 * 3600_000;
      const view: RawView = {
        id: randomUUID(),
        site: SITE,
        path: '/',
        time,
        unique: v.unique,
        bot: false,
        browser: 'Chrome',
        os: 'Linux',
        device: 'desktop',
        country: 'DE',
        expiresAt: Math.floor(time / 1000) + 30 * 86_400,
      };
      await client.send(new UpdateItemCommand({ TableName: TABLE, ...pageviewUpsert(view) }));
    }
  } finally {
    client.destroy();
  }
}

async function signInToken(api: string): Promise<string> {
  const res = await fetch(`${api}/api/auth/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** The changes shown beside the totals, by tile (hidden ones left out). */
async function readDeltas(page: Page): Promise<Record<string, string>> {
  return page.$$eval('dd[data-delta]', (els) =>
    Object.fromEntries(
      els
        .filter((el) => !(el as HTMLElement).hidden)
        .map((el) => [
          el.getAttribute('data-delta') ?? '',
          el.querySelector('[aria-hidden]')?.textContent ?? '',
        ]),
    ),
  );
}

/** Pixels of the chart's canvas drawn in (about) the previous period's colour. */
async function previousLinePixels(page: Page): Promise<number> {
  return page.evaluate((hex) => {
    const canvas = document.querySelector<HTMLCanvasElement>('.chart canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return -1;
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4)
      if (
        Math.abs((data[i] ?? 0) - (r ?? 0)) < 12 &&
        Math.abs((data[i + 1] ?? 0) - (g ?? 0)) < 12 &&
        Math.abs((data[i + 2] ?? 0) - (b ?? 0)) < 12 &&
        (data[i + 3] ?? 0) > 200
      )
        n++;
    return n;
  }, PREVIOUS_COLOR);
}

const visitorsIn = (text: string | null) =>
  Number(/^(\d+) visitors? in the last 5 minutes$/.exec(text ?? '')?.[1]);

test('a visit to the demo site shows on the open dashboard within 30 s, and last week compares with this one', async () => {
  // Prepare: the api-fn bundle must serve the dashboard built from these sources.
  if (!stack) throw new Error('the stack did not start');
  const api = stack.urls.api.replace(/\/$/, '');
  const served = await (await fetch(`${api}/dashboard`)).text();
  if (served !== readFileSync(join(built.dir, 'index.html'), 'utf8'))
    throw new Error(
      'apps/api-fn/dist serves an older dashboard build: run `pnpm build` (turbo rebuilds both)',
    );
  // Last week: 4 views, 3 of them visitors, on three days of the 7 days before the last 7.
  await storeLastWeeksViews(stack.urls.dynamodb, [
    { daysAgo: 8, unique: true },
    { daysAgo: 8, unique: false },
    { daysAgo: 10, unique: true },
    { daysAgo: 12, unique: true },
  ]);
  const token = await signInToken(api);
  const today = todayIn(ZONE, new Date());
  const lastWeek = new URL(
    `${api}/api/stats/timeseries?site=${SITE}&from=${addDays(today, -13)}&to=${addDays(today, -7)}&tz=${encodeURIComponent(ZONE)}`,
  );
  const stored = await pollUntil(
    () => apiAnswer<TimeseriesResponse>(lastWeek, token),
    (s) => s.totals.views === 4,
  );
  expect(stored.totals).toMatchObject({ views: 4, visitors: 3 });

  const dashboard = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: ZONE,
  });
  const page = await dashboard.newPage();
  const requests = watchApiRequests(page);
  const violations = await watchCspViolations(page);
  const visitor = await browser.newContext({ userAgent: USER_AGENTS.desktop });
  try {
    // Act: the dashboard is open before anyone visits
    await page.goto(stack.urls.dashboard);
    await andWaitForData(page, () => signIn(page, 'admin', PASSWORD));
    const live = page.locator('.live-count');
    await page.waitForFunction(() =>
      / in the last 5 minutes$/.test(document.querySelector('.live-count')?.textContent ?? ''),
    );
    const before = visitorsIn(await live.textContent());
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });
    await page.evaluate(() => {
      (window as unknown as { notReloaded?: boolean }).notReloaded = true;
    });

    // Act: someone opens the demo site (its beacon counts localhost)
    const tab = await visitor.newPage();
    const counted = tab.waitForResponse((r) => r.url().endsWith('/api/event') && r.status() === 202);
    const visitedAt = Date.now();
    await tab.goto(stack.urls.demo);
    await counted;

    // Assess: the open dashboard shows the new visitor, by itself, within 30 s
    await page.waitForFunction(
      (n) => {
        const m = /^(\d+) visitors? in the last 5 minutes$/.exec(
          document.querySelector('.live-count')?.textContent ?? '',
        );
        return m !== null && Number(m[1]) > n;
      },
      before,
      { timeout: REALTIME_BUDGET_MS, polling: 250 },
    );
    const seenAfterMs = Date.now() - visitedAt;
    const after = visitorsIn(await live.textContent());
    expect(before).toBe(0);
    expect(after).toBe(1);
    expect(seenAfterMs).toBeLessThanOrEqual(REALTIME_BUDGET_MS);
    expect(navigations).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    expect(await live.getAttribute('aria-live')).toBe('polite');
    const realtime = await apiAnswer<RealtimeResponse>(
      new URL(`${api}/api/stats/realtime?site=${SITE}`),
      token,
    );
    expect(realtime).toMatchObject({ views: 1, visitors: 1, pages: [{ value: '/', views: 1 }] });
    // …and its realtime view names the page
    await page.getByRole('button', { name: 'Show pages and referrers' }).click();
    await page.getByRole('region', { name: 'Top pages' }).locator('tr[data-value="/"]').waitFor();
    console.info(`realtime: the visit showed on the open dashboard after ${seenAfterMs} ms`);

    // Act: compare with the previous period
    await andWaitForData(page, () => page.getByLabel('Compare with previous period').check());

    // Assess: the request and the URL, the deltas against the API's answer, the dashed line
    const url = lastRequest(requests, '/api/stats/timeseries');
    expect(url.searchParams.get('compare')).toBe('previous');
    expect(new URL(page.url()).hash).toContain('compare=previous');
    const answer = await apiAnswer<TimeseriesResponse>(url, await tokenOf(page));
    const previous = answer.previous;
    if (!previous) throw new Error('no previous period in the answer');
    expect([previous.from, previous.to]).toEqual([addDays(today, -13), addDays(today, -7)]);
    expect([answer.totals.views, previous.totals.views, previous.totals.visitors]).toEqual([1, 4, 3]);
    const expected = Object.fromEntries(
      (['views', 'visitors', 'avgDuration', 'avgScroll', 'bots'] as const)
        .map((key) => [
          key,
          formatChange(changeBetween(answer.totals[key], previous.totals[key]), 'en-US').text,
        ])
        .filter(([, text]) => text !== ''),
    );
    const deltas = await readDeltas(page);
    expect(deltas).toEqual(expected);
    expect(deltas).toMatchObject({ views: '▼ 75%', visitors: '▼ 67%' });
    // Nothing is shown for a figure that was 0 in both weeks (no bots, no engagement yet).
    expect(deltas.bots).toBeUndefined();
    expect(await page.locator('.u-legend').getByText('Views, previous period').count()).toBe(1);
    expect(await previousLinePixels(page)).toBeGreaterThan(200);
    await page.screenshot({
      path: join(ARTIFACTS, 'stack-live-compare-desktop-1280x800.png'),
      fullPage: true,
    });

    // Act / Assess: a phone
    await page.setViewportSize({ width: 375, height: 740 });
    await page.waitForFunction(
      () => (document.querySelector('.chart canvas')?.getBoundingClientRect().width ?? 999) < 375,
    );
    await waitForData(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await readDeltas(page)).toEqual(expected);
    await page.screenshot({ path: join(ARTIFACTS, 'stack-live-compare-phone-375x740.png'), fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, 'stack-live-compare-phone-375x740-viewport.png') });

    // Assess: all of it under the served Content-Security-Policy
    expect(violations).toEqual([]);
  } finally {
    await visitor.close();
    await dashboard.close();
  }
});
