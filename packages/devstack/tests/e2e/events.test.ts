// End to end: custom events on the demo site's pricing page in Chromium (a footfall() button, an outbound link, a PDF
// download, a data-footfall-event element), through the stack, read back through the API and on the dashboard, with
// screenshots at desktop and phone width in test-results/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type Stack, startStack } from '../../src/startStack';
import { DESKTOP_CHROME_UA, launchChromium } from '../helpers/browser';
import { pollUntil, report, signIn } from '../helpers/reporting';

jest.setTimeout(180_000);

const ARTIFACTS = resolve(__dirname, '../../test-results');
const PASSWORD = 'e2e-events-password';

interface EventRow {
  value: string;
  prop?: string;
  events: number;
  conversions: number;
}
interface GoalRow {
  id: string;
  kind: string;
  match: string;
  events: number;
  conversions: number;
  rate: number;
}

let dataDir: string;
let browser: Browser;
let stack: Stack | undefined;
const output: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'devstack-events-'));
  browser = await launchChromium();
  stack = await startStack({
    dataDir,
    port: 0,
    dynamodbPort: 0,
    adminPassword: PASSWORD,
    logLevel: 'warn',
    hotReload: false,
    pollIntervalMs: 100,
    output: (line) => output.push(line),
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A visitor on the pricing page, the outbound site answered locally (this machine has no network). */
async function onPricing(): Promise<Page> {
  const context = await browser.newContext({ userAgent: DESKTOP_CHROME_UA, acceptDownloads: true });
  await context.route('https://example.org/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<p>elsewhere</p>' }),
  );
  const page = await context.newPage();
  await page.goto(`${stack?.urls.demo}pricing.html`);
  // Deferred scripts (the beacon, then the page's demo.js) have run once the document is complete, and the beacon,
  // one synchronous script, has then sent the pageview and set footfall().
  await page.waitForFunction(
    () =>
      document.readyState === 'complete' && (window as unknown as { __footfall?: number }).__footfall === 1,
  );
  return page;
}

/** Clicks `selector` and waits until the custom event it sends has left the page. */
async function clickSending(page: Page, selector: string): Promise<void> {
  const sent = page.waitForRequest(
    (r) => r.url().includes('/api/event') && /"type":"event"/.test(r.postData() ?? ''),
  );
  await page.click(selector);
  await sent;
}

test('a sign-up button, an outbound link, a PDF download and a tagged element count in the API and on the dashboard', async () => {
  if (!stack) throw new Error('no stack');
  const { urls } = stack;

  // Act: visitor 1 signs up for pro twice (one view: one conversion), subscribes, downloads, then leaves by the
  // outbound link; visitor 2 starts free.
  const first = await onPricing();
  await clickSending(first, '#signup');
  await clickSending(first, '#signup');
  await clickSending(first, '#newsletter');
  const download = first.waitForEvent('download');
  await first.click('#download');
  await download;
  await first.click('#outbound');
  await first.waitForURL('https://example.org/footfall');
  await first.context().close();
  const second = await onPricing();
  await clickSending(second, '#signup-free');
  await second.context().close();

  // Assess: the API
  const token = await signIn(urls.api, 'admin', PASSWORD);
  const events = await pollUntil(
    () => report<{ rows: EventRow[] }>(urls.api, token, '/api/stats/breakdown', '&dimension=event'),
    (r) => r.rows.reduce((n, row) => n + row.events, 0) >= 6,
  );
  expect(events.rows).toEqual([
    { value: 'signup', events: 3, conversions: 2 },
    { value: 'File Download', events: 1, conversions: 1 },
    { value: 'Newsletter: Subscribe', events: 1, conversions: 1 },
    { value: 'Outbound Link: Click', events: 1, conversions: 1 },
  ]);
  const props = async (event: string) =>
    (
      await report<{ rows: EventRow[] }>(
        urls.api,
        token,
        '/api/stats/breakdown',
        `&dimension=prop&event=${encodeURIComponent(event)}`,
      )
    ).rows;
  expect(await props('signup')).toEqual([
    { value: 'pro', prop: 'plan', events: 2, conversions: 1 },
    { value: 'free', prop: 'plan', events: 1, conversions: 1 },
  ]);
  expect(await props('Outbound Link: Click')).toEqual([
    { value: 'https://example.org/footfall', prop: 'url', events: 1, conversions: 1 },
  ]);
  expect(await props('File Download')).toEqual([
    { value: `${new URL(urls.demo).origin}/files/price-list.pdf`, prop: 'url', events: 1, conversions: 1 },
  ]);
  expect(await props('Newsletter: Subscribe')).toEqual([
    { value: 'weekly', prop: 'list', events: 1, conversions: 1 },
  ]);
  const goals = await pollUntil(
    () => report<{ goals: GoalRow[] }>(urls.api, token, '/api/stats/goals'),
    (r) => r.goals.some((g) => g.match === 'signup' && g.conversions === 2),
  );
  const signup = goals.goals.find((g) => g.match === 'signup');
  // The demo's two pricing views both converted.
  expect(signup).toMatchObject({ kind: 'event', events: 3, conversions: 2, rate: 1 });

  // Assess: the dashboard shows the same numbers, and a goal's props
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(urls.dashboard);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  const goalRow = page.locator('[data-panel="goals"] tr[data-match="signup"]');
  await goalRow.waitFor();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  expect(await goalRow.locator('[data-col="conversions"]').textContent()).toBe('2');
  expect(await goalRow.locator('[data-col="events"]').textContent()).toBe('3');
  expect(await goalRow.locator('[data-col="rate"]').textContent()).toMatch(/^100(\.0)?\s?%$/);
  const shown = await page
    .locator('[data-panel="events"] tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [r.getAttribute('data-value'), r.querySelector('[data-col="events"]')?.textContent]),
    );
  expect(shown).toEqual([
    ['signup', '3'],
    ['File Download', '1'],
    ['Newsletter: Subscribe', '1'],
    ['Outbound Link: Click', '1'],
  ]);
  await goalRow.getByRole('button').click();
  const pro = page.locator('.goal-props tr[data-value="pro"]');
  await pro.waitFor();
  expect(await pro.locator('td').allTextContents()).toEqual(['plan', 'pro', '2', '1']);
  await page.locator('[data-panel="goals"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'events-desktop-1280.png'), fullPage: true });
  await page.locator('.goals-row').screenshot({ path: join(ARTIFACTS, 'events-panels-1280.png') });
  await page.setViewportSize({ width: 375, height: 740 });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.screenshot({ path: join(ARTIFACTS, 'events-phone-375.png'), fullPage: true });
  await page.locator('.goals-row').screenshot({ path: join(ARTIFACTS, 'events-panels-375.png') });
  expect(overflow).toBeLessThanOrEqual(0);
});
