// The set-up every beacon browser suite shares: Chromium, a test site serving the built beacon, a fresh context
// per test.
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { buildBeacon } from './buildBeacon';
import { launchChromium } from './chromium';
import { startTestSite, type TestSite } from './testSite';

/** What a suite's tests use; filled in by the hooks `browserSuite` registers. */
export interface BrowserSuite {
  browser: Browser;
  /** The site whose pages carry the beacon and which receives its events. */
  site: TestSite;
  /** A second site (another origin) when the suite asked for one: an API on its own host. */
  api: TestSite;
  /** A fresh browser context for the current test. */
  context: BrowserContext;
}

/**
 * Registers the suite's hooks: Chromium and the test site(s) once (serving the plain beacon, or the events build
 * with `events`), a context with `context` options per test.
 * @example const suite = browserSuite({ context: { viewport: { width: 800, height: 1000 } } });
 */
export function browserSuite(
  options: { context?: BrowserContextOptions; apiSite?: boolean; events?: boolean } = {},
): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    const built = buildBeacon();
    const { body } = options.events ? built.events : built.asset;
    const sites = options.apiSite ? [startTestSite(body), startTestSite(body)] : [startTestSite(body)];
    const [browser, site, api] = await Promise.all([launchChromium(), ...sites]);
    Object.assign(suite, { browser, site, api });
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.site?.close();
    await suite.api?.close();
  });
  beforeEach(async () => {
    suite.context = await suite.browser.newContext(options.context);
  });
  afterEach(async () => {
    await suite.context.close();
  });
  return suite;
}
