// End to end: the dashboard as api-fn serves it from its bundle, in Chromium, on the real local stack
// (DynamoDB Local, stream poller, stream-trigger-fn) fed with page views; every number shown must equal
// the API's answer, the whole journey runs under the served CSP without one violation, and screenshots at
// desktop and phone width are kept in test-results/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TimeseriesResponse } from '@footfall/core-model/schemas';
import type { Browser, Page } from 'playwright-core';
import { type BuiltDashboard, buildDashboard } from '../helpers/buildDashboard';
import { launchChromium } from '../helpers/chromium';
import { watchCspViolations } from '../helpers/csp';
import {
  andWaitForData,
  apiAnswer,
  expectShownNumbersEqualApi,
  lastRequest,
  readTotals,
  signIn,
  tokenOf,
  watchApiRequests,
} from '../helpers/dashboardUi';
import { pollUntil, type Stack, sendVisits, startRealStack } from '../helpers/realStack';

jest.setTimeout(180_000);

const ARTIFACTS = resolve(__dirname, '../../test-results');
const PASSWORD = 'e2e-dashboard-password';
const SITE = 'localhost';
const SHOP = 'shop.localhost';

let dataDir: string;
let built: BuiltDashboard;
let stack: Stack | undefined;
let browser: Browser;
const output: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'dashboard-e2e-'));
  built = buildDashboard();
  stack = await startRealStack({
    dataDir,
    port: 0,
    demoPort: 0,
    dynamodbPort: 0,
    adminPassword: PASSWORD,
    logLevel: 'warn',
    hotReload: false,
    pollIntervalMs: 100,
    parameters: { AllowedSites: `${SITE},${SHOP}` },
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

/** The site's totals over the days around now, straight from the API (UTC days: the views are today's). */
async function siteTotals(api: string, token: string, site: string): Promise<TimeseriesResponse['totals']> {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const url = new URL(`${api}/api/stats/timeseries?site=${site}&from=${day(-1)}&to=${day(1)}`);
  return (await apiAnswer<TimeseriesResponse>(url, token)).totals;
}

test('sign in, switch period and site, filter by a page and export: the numbers are the API’s', async () => {
  // Prepare: the api-fn bundle must serve the dashboard built from these sources.
  if (!stack) throw new Error('the stack did not start');
  const api = stack.urls.api.replace(/\/$/, '');
  const served = await (await fetch(`${api}/dashboard`)).text();
  const fresh = readFileSync(join(built.dir, 'index.html'), 'utf8');
  if (served !== fresh)
    throw new Error(
      'apps/api-fn/dist serves an older dashboard build: run `pnpm build` (turbo rebuilds both)',
    );
  await sendVisits(api, [
    { site: SITE, path: '/', ua: 'desktop', unique: true, referrer: 'https://news.example.org/today' },
    {
      site: SITE,
      path: '/',
      ua: 'phone',
      unique: true,
      tz: 'Asia/Tokyo',
      engagement: { duration: 30, scroll: 50 },
    },
    { site: SITE, path: '/', ua: 'desktop' },
    { site: SITE, path: '/pricing', ua: 'desktop', unique: true, engagement: { duration: 90, scroll: 100 } },
    { site: SITE, path: '/pricing', ua: 'phone', tz: 'America/New_York' },
    {
      site: SITE,
      path: '/blog/hello',
      ua: 'desktop',
      unique: true,
      utm: { source: 'newsletter', campaign: 'launch' },
    },
    { site: SITE, path: '/', ua: 'bot' },
    { site: SHOP, path: '/', ua: 'desktop', unique: true },
    { site: SHOP, path: '/cart', ua: 'phone', unique: true },
    { site: SHOP, path: '/cart', ua: 'desktop' },
  ]);
  const adminToken = await (
    await fetch(`${api}/api/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    })
  )
    .json()
    .then((b: { token: string }) => b.token);
  const counted = await pollUntil(
    async () => [await siteTotals(api, adminToken, SITE), await siteTotals(api, adminToken, SHOP)],
    ([a, b]) => a?.views === 6 && a.bots === 1 && a.avgDuration === 60 && b?.views === 3,
  );
  expect(counted.map((t) => t?.views)).toEqual([6, 3]);

  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'Europe/Paris',
  });
  const page: Page = await context.newPage();
  const requests = watchApiRequests(page);
  const violations = await watchCspViolations(page);
  try {
    // Act / Assess: sign in; the last 7 days include every view sent
    await page.goto(stack.urls.dashboard);
    await andWaitForData(page, () => signIn(page, 'admin', PASSWORD));
    await expectShownNumbersEqualApi(page, requests);
    expect(await readTotals(page)).toMatchObject({
      views: '6',
      visitors: '4',
      avgDuration: '1:00',
      avgScroll: '75%',
      bots: '1',
    });

    // Act / Assess: switch period
    await andWaitForData(page, () => page.getByLabel('Period', { exact: true }).selectOption('today'));
    expect(lastRequest(requests, '/api/stats/timeseries').searchParams.get('interval')).toBe('hour');
    await expectShownNumbersEqualApi(page, requests);

    // Act / Assess: switch site
    await andWaitForData(page, () => page.getByLabel('Period', { exact: true }).selectOption('30d'));
    await andWaitForData(page, () => page.getByLabel('Site').selectOption(SHOP));
    await expectShownNumbersEqualApi(page, requests);
    expect((await readTotals(page)).views).toBe('3');
    await andWaitForData(page, () => page.getByLabel('Site').selectOption(SITE));

    // Act / Assess: filter by a page with a click
    const pages = page.locator('section[data-dimension="page"]');
    await andWaitForData(page, () => pages.getByRole('button', { name: '/pricing', exact: true }).click());
    await page.getByText('Page: /pricing').waitFor();
    await expectShownNumbersEqualApi(page, requests, '/pricing');
    expect((await readTotals(page)).views).toBe('2');
    await page.screenshot({ path: join(ARTIFACTS, 'stack-desktop-1280x800-filtered.png'), fullPage: true });

    // Act / Assess: export CSV
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    const exportUrl = lastRequest(requests, '/api/stats/export');
    const expected = await (
      await fetch(exportUrl, { headers: { authorization: `Bearer ${await tokenOf(page)}` } })
    ).text();
    const csv = readFileSync(await file.path(), 'utf8');
    expect(csv).toBe(expected);
    expect(csv).toMatch(/^date,path,views,visitors/);
    expect(csv).toContain('/pricing');

    // Screenshots of the whole site at both widths
    await andWaitForData(page, () => page.getByRole('button', { name: 'Remove page filter' }).click());
    await page.screenshot({ path: join(ARTIFACTS, 'stack-desktop-1280x800.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 740 });
    await page.waitForFunction(
      () => (document.querySelector('.chart canvas')?.getBoundingClientRect().width ?? 999) < 375,
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(ARTIFACTS, 'stack-phone-375x740.png'), fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, 'stack-phone-375x740-viewport.png') });

    // Assess: sign-in, charts, tables, filters, export and resizing all ran under the served policy.
    expect(violations).toEqual([]);
  } finally {
    await context.close();
  }
});

test('the dashboard and the API carry the security headers, and the CSP blocks inline script and style', async () => {
  // Prepare
  if (!stack) throw new Error('the stack did not start');
  const api = stack.urls.api.replace(/\/$/, '');
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = await watchCspViolations(page);
  try {
    // Act
    const html = await fetch(`${api}/dashboard`);
    const json = await fetch(`${api}/api/sites`);
    const asset = await fetch(`${api}/beacon.js`);
    await page.goto(stack.urls.dashboard);
    await page.getByLabel('Username').waitFor();
    const clean = [...violations];
    const inlineRan = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true;';
      document.head.append(script);
      document.body.setAttribute('style', 'background: red');
      return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
    });
    await page.waitForTimeout(200);

    // Assess: the headers of SPEC §3 on the HTML, nosniff and no framing on the rest.
    const csp = html.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(html.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    for (const response of [html, json, asset]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
    // The sign-in page loaded cleanly, and the watcher does see what the policy blocks.
    expect(clean).toEqual([]);
    expect(inlineRan).toBe(false);
    expect(violations.some((v) => /script-src/.test(v))).toBe(true);
    expect(violations.some((v) => /style-src/.test(v))).toBe(true);
  } finally {
    await context.close();
  }
});
