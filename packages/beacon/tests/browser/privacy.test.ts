// What the beacon must not do: count readers who opted out, count local hosts by default, count twice, or store.
import type { Page } from 'playwright-core';
import { browserSuite } from '../helpers/browserSuite';
import { under } from '../helpers/testSite';

const suite = browserSuite();

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
  const page = await suite.context.newPage();
  const seen = eventRequests(page);
  await page.goto(`${suite.site.origin}${path}`);
  await page.goto(`${suite.site.origin}${marker}`);
  await suite.site.waitFor(under(marker, 'pageview'));
  return seen;
};

test('with Do Not Track on, nothing is sent at all', async () => {
  // Prepare
  suite.site.serve('/dnt/marker', suite.site.page({ attrs: { 'data-respect-dnt': 'false' } }));
  await suite.context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1', configurable: true });
  });

  // Act
  const seen = await visitThenMark('/dnt/page', '/dnt/marker');

  // Assess
  expect(suite.site.events.filter(under('/dnt/page'))).toEqual([]);
  expect(seen).toHaveLength(1);
});

test('with Global Privacy Control on, nothing is sent at all', async () => {
  // Prepare
  suite.site.serve('/gpc/marker', suite.site.page({ attrs: { 'data-respect-dnt': 'false' } }));
  await suite.context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
      get: () => true,
      configurable: true,
    });
  });

  // Act
  await visitThenMark('/gpc/page', '/gpc/marker');

  // Assess
  expect(suite.site.events.filter(under('/gpc/page'))).toEqual([]);
});

test('data-respect-dnt="false" counts readers who sent Do Not Track', async () => {
  // Prepare
  suite.site.serve('/dnt-off/page', suite.site.page({ attrs: { 'data-respect-dnt': 'false' } }));
  await suite.context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1', configurable: true });
  });
  const page = await suite.context.newPage();

  // Act
  await page.goto(`${suite.site.origin}/dnt-off/page`);

  // Assess
  await expect(suite.site.waitFor(under('/dnt-off/', 'pageview'))).resolves.toHaveLength(1);
});

test('by default IP addresses and localhost are ignored', async () => {
  // Prepare: the same page without data-ignore, once by IP and once as localhost.
  suite.site.serve('/default-ignore/page', suite.site.page({ attrs: { 'data-ignore': null } }));
  const page = await suite.context.newPage();
  const seen = eventRequests(page);

  // Act
  await page.goto(`${suite.site.origin}/default-ignore/page`);
  await page.goto(`${suite.site.origin.replace('127.0.0.1', 'localhost')}/default-ignore/page`);
  await page.goto(`${suite.site.origin}/default-ignore-marker/page`);
  await suite.site.waitFor(under('/default-ignore-marker/', 'pageview'));

  // Assess
  expect(suite.site.events.filter(under('/default-ignore/'))).toEqual([]);
  expect(seen).toHaveLength(1);
});

test('data-ignore lists the hosts to skip and replaces the default list', async () => {
  // Prepare
  suite.site.serve(
    '/ignore-list/skipped',
    suite.site.page({ attrs: { 'data-ignore': 'staging.example.com, 127.0.0.1' } }),
  );
  suite.site.serve(
    '/ignore-list/counted',
    suite.site.page({ attrs: { 'data-ignore': 'staging.example.com' } }),
  );

  // Act
  await visitThenMark('/ignore-list/skipped', '/ignore-list/counted');

  // Assess
  expect(suite.site.events.filter(under('/ignore-list/')).map((e) => e.body.path)).toEqual([
    '/ignore-list/counted',
  ]);
});

test('a script tag pasted twice counts one view and one engagement', async () => {
  // Prepare
  suite.site.serve('/twice/page', suite.site.page({ twice: true }));

  // Act
  await visitThenMark('/twice/page', '/twice-marker/page');
  await suite.site.waitFor(under('/twice/', 'engagement'));

  // Assess
  expect(suite.site.events.filter(under('/twice/')).map((e) => e.body.type)).toEqual([
    'pageview',
    'engagement',
  ]);
});

test('no cookies, no storage, and no request to anyone but the API', async () => {
  // Prepare
  const page = await suite.context.newPage();
  const origins = new Set<string>();
  page.on('request', (r) => origins.add(new URL(r.url()).origin));

  // Act
  await page.goto(`${suite.site.origin}/traces/page`);
  await suite.site.waitFor(under('/traces/', 'pageview'));
  const storage = await page.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length]);

  // Assess
  expect(storage).toEqual(['', 0, 0]);
  expect(await suite.context.cookies()).toEqual([]);
  expect([...origins]).toEqual([suite.site.origin]);
});
