// End to end: the stack in-process, Chromium across the demo site, and the numbers read back through the API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Stack, startStack } from '../../src/startStack';
import { DESKTOP_CHROME_UA, launchChromium } from '../helpers/browser';
import { breakdown, pollUntil, type Row, signIn, totals } from '../helpers/reporting';

jest.setTimeout(120_000);

const EXTERNAL_REFERRER = 'https://news.example.org/today';

let dataDir: string;
let browser: Browser;
let stack: Stack | undefined;
const output: string[] = [];

async function start(): Promise<Stack> {
  stack = await startStack({
    dataDir,
    port: 0,
    dynamodbPort: 0,
    logLevel: 'warn',
    hotReload: false,
    output: (line) => output.push(line),
  });
  return stack;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'devstack-e2e-'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function newVisitor(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ userAgent: DESKTOP_CHROME_UA });
  return { context, page: await context.newPage() };
}

/** Waits until the beacon has reported the page's path (its script is deferred). */
async function viewed(page: Page, path: string): Promise<void> {
  await page.waitForFunction((p) => location.pathname === p && document.readyState === 'complete', path);
}

/** Closes a page the way a visitor leaves it: pagehide fires and the engagement beacon goes out. */
async function leave(context: BrowserContext, page: Page): Promise<void> {
  await page.close({ runBeforeUnload: true });
  await context.close();
}

const rowsOf = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.value, [r.views, r.visitors]]));

/** What the reporting API says, in the shape the expectations are written in. */
interface Snapshot {
  totals: { views: number; visitors: number; bots: number };
  engaged: { duration: boolean; scroll: boolean };
  pages: Record<string, number[]>;
  referrers: Record<string, number[]>;
  browsers: Record<string, number[]>;
}

async function snapshot(api: string, token: string): Promise<Snapshot> {
  const [t, pages, referrers, browsers] = await Promise.all([
    totals(api, token),
    breakdown(api, token, 'page'),
    breakdown(api, token, 'referrer'),
    breakdown(api, token, 'browser'),
  ]);
  return {
    totals: { views: t.views, visitors: t.visitors, bots: t.bots },
    // Engagement arrives after the pages were hidden; its averages only have to be there.
    engaged: { duration: t.avgDuration > 0, scroll: t.avgScroll > 0 },
    pages: rowsOf(pages),
    referrers: rowsOf(referrers),
    browsers: rowsOf(browsers),
  };
}

test('views, visitors, pages, referrers, browser and engagement match what the browser did', async () => {
  // Prepare
  const { urls, adminPassword } = await start();
  const demo = urls.demo.replace(/\/$/, '');

  // Act — visitor 1 arrives from another site, browses, reloads, goes back and uses the single-page app.
  const first = await newVisitor();
  const page = first.page;
  await page.goto(`${demo}/`, { referer: EXTERNAL_REFERRER }); // view /, unique, referrer news.example.org
  await viewed(page, '/');
  await page.click('#to-about'); // view /about.html (internal link: not unique)
  await viewed(page, '/about.html');
  await page.click('#to-post'); // view /blog/hello-world.html
  await viewed(page, '/blog/hello-world.html');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForTimeout(1200); // visible long enough for a non-zero duration
  await page.reload(); // view /blog/hello-world.html again (a reload: not unique)
  await viewed(page, '/blog/hello-world.html');
  await page.goBack(); // view /about.html again (back navigation, referrer is the home page: not unique)
  await viewed(page, '/about.html');
  await page.click('#to-app'); // view /app
  await viewed(page, '/app');
  await page.click('#to-settings'); // pushState: view /app/settings without a page load
  await viewed(page, '/app/settings');
  await page.waitForTimeout(1200);
  await leave(first.context, page);
  // Visitor 2 types the address of the about page: a direct, unique view.
  const second = await newVisitor();
  await second.page.goto(`${demo}/about.html`);
  await viewed(second.page, '/about.html');
  await leave(second.context, second.page);

  // Assess
  const token = await signIn(urls.api, 'admin', adminPassword);
  const expected: Snapshot = {
    totals: { views: 8, visitors: 2, bots: 0 },
    engaged: { duration: true, scroll: true },
    pages: {
      '/': [1, 1],
      '/about.html': [3, 1],
      '/blog/hello-world.html': [2, 0],
      '/app': [1, 0],
      '/app/settings': [1, 0],
    },
    referrers: { 'news.example.org': [1, 1] },
    browsers: { Chrome: [8, 2] },
  };
  // The trigger updates several aggregate items per batch; poll until all reports agree (or time runs out).
  const reported = await pollUntil(
    () => snapshot(urls.api, token),
    (s) => isDeepStrictEqual(s, expected),
  );
  expect(reported).toEqual(expected);
});

test('after a restart on the same data the counts are unchanged, new views add to them and the password works', async () => {
  // Prepare
  const before = stack;
  if (before === undefined) throw new Error('the first test did not start the stack');
  const password = before.adminPassword;
  await before.stop();

  // Act
  const { urls, adminPassword, adminPasswordGenerated } = await start();
  const token = await signIn(urls.api, 'admin', password);
  const afterRestart = await snapshot(urls.api, token);
  const visitor = await newVisitor();
  await visitor.page.goto(`${urls.demo}blog/hello-world.html`);
  await viewed(visitor.page, '/blog/hello-world.html');
  await leave(visitor.context, visitor.page);
  const withNewView = await pollUntil(
    () => snapshot(urls.api, token),
    (s) =>
      s.totals.views >= 9 && s.pages['/blog/hello-world.html']?.[0] === 3 && s.browsers.Chrome?.[0] === 9,
  );

  // Assess
  expect(adminPasswordGenerated).toBe(false);
  expect(adminPassword).toBe(password);
  expect(afterRestart.totals).toEqual({ views: 8, visitors: 2, bots: 0 });
  // Exactly one more: records processed before the restart were not delivered again.
  expect(withNewView.totals).toEqual({ views: 9, visitors: 3, bots: 0 });
  expect(withNewView.pages['/blog/hello-world.html']).toEqual([3, 1]);
  expect(withNewView.browsers).toEqual({ Chrome: [9, 3] });
});
