// A plain visit as a site owner's reader makes it: the pageview's fields, reloads, referrers, UTM tags, transports.
import { browserSuite } from '../helpers/browserSuite';
import { collectPageErrors } from '../helpers/chromium';
import { under } from '../helpers/testSite';

const suite = browserSuite({
  context: { viewport: { width: 1024, height: 700 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' },
  apiSite: true,
});

test('a first visit sends one pageview with every field of the contract', async () => {
  // Prepare
  suite.site.serve('/visit/article', suite.site.page({ attrs: { 'data-site': 'example.com' } }));
  const page = await suite.context.newPage();
  const errors = collectPageErrors(page);

  // Act
  await page.goto(`${suite.site.origin}/visit/article?id=7#comments`);
  const [event] = await suite.site.waitFor(under('/visit/', 'pageview'));

  // Assess
  expect(event?.contentType).toMatch(/^text\/plain\b/);
  const body = event?.body ?? {};
  expect(Object.keys(body).sort()).toEqual(
    ['id', 'lang', 'path', 'screen', 'site', 'type', 'tz', 'unique', 'viewport'].sort(),
  );
  expect(body).toMatchObject({
    type: 'pageview',
    site: 'example.com',
    path: '/visit/article',
    unique: true,
    viewport: [1024, 700],
    tz: 'Europe/Berlin',
    lang: 'de-DE',
  });
  expect(body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(body.screen).toEqual([expect.any(Number), expect.any(Number)]);
  expect(errors).toEqual([]);
});

test('a reload is a view but not a visitor', async () => {
  // Prepare
  const page = await suite.context.newPage();
  await page.goto(`${suite.site.origin}/reload/`);
  await suite.site.waitFor(under('/reload/', 'pageview'));

  // Act
  await page.reload();
  const views = await suite.site.waitFor(under('/reload/', 'pageview'), 2);

  // Assess
  expect(views.map((e) => e.body.unique)).toEqual([true, false]);
  expect(views[0]?.body.id).not.toEqual(views[1]?.body.id);
});

test('UTM tags move from the query string into utm, and the rest of the query is dropped', async () => {
  // Prepare
  const page = await suite.context.newPage();

  // Act
  await page.goto(
    `${suite.site.origin}/utm/landing?ref=x&utm_source=newsletter&utm_medium=email&utm_campaign=spring%20sale&utm_term=shoes&utm_content=top`,
  );
  const [event] = await suite.site.waitFor(under('/utm/', 'pageview'));

  // Assess
  expect(event?.body.path).toBe('/utm/landing');
  expect(event?.body.utm).toEqual({
    source: 'newsletter',
    medium: 'email',
    campaign: 'spring sale',
    term: 'shoes',
    content: 'top',
  });
});

test('a referrer from another site is sent and counts as a visitor', async () => {
  // Prepare: the same server under another host name is "another site" to the suite.browser.
  const otherSite = suite.site.origin.replace('127.0.0.1', 'localhost');
  suite.site.serve('/from-outside/link', `<a id="go" href="${suite.site.origin}/from-outside/target">go</a>`);
  const page = await suite.context.newPage();
  await page.goto(`${otherSite}/from-outside/link`);

  // Act
  await page.click('#go');
  const [event] = await suite.site.waitFor(under('/from-outside/target', 'pageview'));

  // Assess: browsers trim cross-site referrers to the origin.
  expect(event?.body).toMatchObject({ referrer: `${otherSite}/`, unique: true });
});

test('a referrer from the same site is not sent and does not count as a visitor', async () => {
  // Prepare
  const page = await suite.context.newPage();
  await page.goto(`${suite.site.origin}/internal/start`);
  await suite.site.waitFor(under('/internal/start', 'pageview'));

  // Act: a navigation by the page itself, as a link click would do.
  await page.evaluate(() => {
    location.href = '/internal/next';
  });
  const [event] = await suite.site.waitFor(under('/internal/next', 'pageview'));

  // Assess
  expect(event?.body.unique).toBe(false);
  expect(event?.body).not.toHaveProperty('referrer');
});

test('data-api sends to another origin as simple requests, without a CORS preflight', async () => {
  // Prepare
  suite.site.serve('/cross/page', suite.site.page({ attrs: { 'data-api': suite.api.origin } }));
  const page = await suite.context.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).origin));

  // Act
  await page.goto(`${suite.site.origin}/cross/page`);
  const [event] = await suite.api.waitFor(under('/cross/', 'pageview'));

  // Assess
  expect(event?.contentType).toMatch(/^text\/plain\b/);
  expect(event?.origin).toBe(suite.site.origin);
  expect(suite.api.requests.filter((r) => r.startsWith('OPTIONS'))).toEqual([]);
  expect(new Set(requested)).toEqual(new Set([suite.site.origin, suite.api.origin]));
});

test('without data-api the events go to the origin the script was loaded from', async () => {
  // Prepare: the page is on one origin, the script (and so the API) on the other.
  suite.site.serve(
    '/own-origin/page',
    `<!doctype html><script defer src="${suite.api.origin}/beacon.js" data-ignore=""></script><p>hi</p>`,
  );
  const page = await suite.context.newPage();

  // Act
  await page.goto(`${suite.site.origin}/own-origin/page`);
  const [event] = await suite.api.waitFor(under('/own-origin/', 'pageview'));

  // Assess
  expect(event?.body.site).toBe('127.0.0.1');
});

test('where sendBeacon is missing, fetch with keepalive carries the same text/plain body', async () => {
  // Prepare
  await suite.context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'sendBeacon', { value: undefined, configurable: true });
  });
  const page = await suite.context.newPage();

  // Act
  await page.goto(`${suite.site.origin}/fetch/page`);
  const [event] = await suite.site.waitFor(under('/fetch/', 'pageview'));

  // Assess
  expect(event?.contentType).toMatch(/^text\/plain\b/);
  expect(event?.body).toMatchObject({ type: 'pageview', path: '/fetch/page', unique: true });
});
