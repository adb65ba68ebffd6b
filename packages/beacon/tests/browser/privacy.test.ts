// What the beacon must not do: count readers who opted out, count local hosts by default, count twice, or store.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildBeacon } from '../helpers/buildBeacon';
import { launchChromium } from '../helpers/chromium';
import { startTestSite, type TestSite, under } from '../helpers/testSite';

let browser: Browser;
let site: TestSite;
let context: BrowserContext;

beforeAll(async () => {
  const { asset } = buildBeacon();
  [browser, site] = await Promise.all([launchChromium(), startTestSite(asset.body)]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
});
afterEach(async () => {
  await context.close();
});

/** Requests the page makes to the event endpoint, seen by the browser itself. */
const eventRequests = (page: Page): string[] => {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/event')) seen.push(r.url());
  });
  return seen;
};

/**
 * Visits `path`, leaves it (so pagehide could send too), then visits a counted marker page and waits for its
 * pageview: whatever the first visit sent has arrived by then. Returns the event requests the browser made.
 */
const visitThenMark = async (path: string, marker: string) => {
  const page = await context.newPage();
  const seen = eventRequests(page);
  await page.goto(`${site.origin}${path}`);
  await page.goto(`${site.origin}${marker}`);
  await site.waitFor(under(marker, 'pageview'));
  return seen;
};

test('with Do Not Track on, nothing is sent at all', async () => {
  // Prepare
  site.serve('/dnt/marker', site.page({ attrs: { 'data-respect-dnt': 'false' } }));
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1', configurable: true });
  });

  // Act
  const seen = await visitThenMark('/dnt/page', '/dnt/marker');

  // Assess
  expect(site.events.filter(under('/dnt/page'))).toEqual([]);
  expect(seen).toHaveLength(1);
});

test('with Global Privacy Control on, nothing is sent at all', async () => {
  // Prepare
  site.serve('/gpc/marker', site.page({ attrs: { 'data-respect-dnt': 'false' } }));
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
      get: () => true,
      configurable: true,
    });
  });

  // Act
  await visitThenMark('/gpc/page', '/gpc/marker');

  // Assess
  expect(site.events.filter(under('/gpc/page'))).toEqual([]);
});

test('data-respect-dnt="false" counts readers who sent Do Not Track', async () => {
  // Prepare
  site.serve('/dnt-off/page', site.page({ attrs: { 'data-respect-dnt': 'false' } }));
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1', configurable: true });
  });
  const page = await context.newPage();

  // Act
  await page.goto(`${site.origin}/dnt-off/page`);

  // Assess
  await expect(site.waitFor(under('/dnt-off/', 'pageview'))).resolves.toHaveLength(1);
});

test('by default IP addresses and localhost are ignored', async () => {
  // Prepare: the same page without data-ignore, once by IP and once as localhost.
  site.serve('/default-ignore/page', site.page({ attrs: { 'data-ignore': null } }));
  const page = await context.newPage();
  const seen = eventRequests(page);

  // Act
  await page.goto(`${site.origin}/default-ignore/page`);
  await page.goto(`${site.origin.replace('127.0.0.1', 'localhost')}/default-ignore/page`);
  await page.goto(`${site.origin}/default-ignore-marker/page`);
  await site.waitFor(under('/default-ignore-marker/', 'pageview'));

  // Assess
  expect(site.events.filter(under('/default-ignore/'))).toEqual([]);
  expect(seen).toHaveLength(1);
});

test('data-ignore lists the hosts to skip and replaces the default list', async () => {
  // Prepare
  site.serve(
    '/ignore-list/skipped',
    site.page({ attrs: { 'data-ignore': 'staging.example.com, 127.0.0.1' } }),
  );
  site.serve('/ignore-list/counted', site.page({ attrs: { 'data-ignore': 'staging.example.com' } }));

  // Act
  await visitThenMark('/ignore-list/skipped', '/ignore-list/counted');

  // Assess
  expect(site.events.filter(under('/ignore-list/')).map((e) => e.body.path)).toEqual([
    '/ignore-list/counted',
  ]);
});

test('a script tag pasted twice counts one view and one engagement', async () => {
  // Prepare
  site.serve('/twice/page', site.page({ twice: true }));

  // Act
  await visitThenMark('/twice/page', '/twice-marker/page');
  await site.waitFor(under('/twice/', 'engagement'));

  // Assess
  expect(site.events.filter(under('/twice/')).map((e) => e.body.type)).toEqual(['pageview', 'engagement']);
});

test('no cookies, no storage, and no request to anyone but the API', async () => {
  // Prepare
  const page = await context.newPage();
  const origins = new Set<string>();
  page.on('request', (r) => origins.add(new URL(r.url()).origin));

  // Act
  await page.goto(`${site.origin}/traces/page`);
  await site.waitFor(under('/traces/', 'pageview'));
  const storage = await page.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length]);

  // Assess
  expect(storage).toEqual(['', 0, 0]);
  expect(await context.cookies()).toEqual([]);
  expect([...origins]).toEqual([site.origin]);
});
