// The events build in Chromium: footfall() calls (queued before the script loads or made later), outbound links,
// downloads and tagged elements send custom events of the current view, also when the click leaves the page; the
// privacy switches still silence everything.
import { browserSuite } from '../helpers/browserSuite';
import { type CapturedEvent, under } from '../helpers/testSite';

const suite = browserSuite({ events: true });

/** The snippet a site owner pastes before the script: calls made before it loads wait in `footfall.q`. */
const STUB =
  '<script>window.footfall=window.footfall||function(){(window.footfall.q=window.footfall.q||[]).push(arguments)}</script>';

const bodyOf = (e: CapturedEvent | undefined) => e?.body ?? {};

test('a call queued before the script loads and a later one are sent with the view’s id, in order', async () => {
  // Prepare
  suite.site.serve(
    '/ev/queued',
    suite.site.page({
      before: `${STUB}<script>footfall('signup', {plan: 'pro'})</script>`,
      body: '<button id="b" onclick="footfall(\'cta\')">go</button>',
    }),
  );
  const page = await suite.context.newPage();

  // Act
  await page.goto(`${suite.site.origin}/ev/queued`);
  const [view] = await suite.site.waitFor(under('/ev/queued', 'pageview'));
  await page.click('#b');
  const events = await suite.site.waitFor(under('/ev/queued', 'event'), 2);

  // Assess
  const id = bodyOf(view).id;
  expect(events.map((e) => [e.body.name, e.body.props, e.body.view, e.body.path])).toEqual([
    ['signup', { plan: 'pro' }, id, '/ev/queued'],
    ['cta', undefined, id, '/ev/queued'],
  ]);
  expect(new Set(events.map((e) => e.body.id)).size).toBe(2);
  expect(events.every((e) => e.contentType.startsWith('text/plain'))).toBe(true);
});

test('an outbound link and a PDF download are sent when their click leaves the page; links within the site are not', async () => {
  // Prepare: the outbound host is another origin's name for the same server.
  const outbound = suite.site.origin.replace('127.0.0.1', 'localhost');
  suite.site.serve(
    '/ev/links',
    suite.site.page({
      attrs: { 'data-outbound': '', 'data-downloads': '' },
      body: `<a id="out" href="${outbound}/elsewhere?ref=secret">out</a>
        <a id="pdf" href="/files/guide.pdf?token=secret">pdf</a><a id="in" href="/ev/inside">in</a>`,
    }),
  );
  const page = await suite.context.newPage();

  // Act
  for (const link of ['#in', '#pdf', '#out']) {
    await page.goto(`${suite.site.origin}/ev/links`);
    await suite.site.waitFor(under('/ev/links', 'pageview'));
    await page.click(link);
    await page.waitForLoadState();
  }
  const events = await suite.site.waitFor(under('/ev/links', 'event'), 2);

  // Assess: the URL keeps origin and path only.
  expect(events.map((e) => [e.body.name, e.body.props])).toEqual([
    ['File Download', { url: `${suite.site.origin}/files/guide.pdf` }],
    ['Outbound Link: Click', { url: `${outbound}/elsewhere` }],
  ]);
});

test('an element tagged data-footfall-event sends its name and data-footfall-prop-* as props', async () => {
  // Prepare
  suite.site.serve(
    '/ev/tagged',
    suite.site.page({
      body: '<div data-footfall-event="Plan Chosen" data-footfall-prop-plan="pro" data-footfall-prop-billing-cycle="yearly"><span id="inner">choose</span></div>',
    }),
  );
  const page = await suite.context.newPage();

  // Act
  await page.goto(`${suite.site.origin}/ev/tagged`);
  await suite.site.waitFor(under('/ev/tagged', 'pageview'));
  await page.click('#inner');
  const [event] = await suite.site.waitFor(under('/ev/tagged', 'event'));

  // Assess
  expect([bodyOf(event).name, bodyOf(event).props]).toEqual([
    'Plan Chosen',
    { plan: 'pro', billingCycle: 'yearly' },
  ]);
});

test('without data-outbound and data-downloads, links send nothing; with Do Not Track, footfall() sends nothing', async () => {
  // Prepare
  suite.site.serve('/ev/plain', suite.site.page({ body: '<a id="pdf" href="/files/a.pdf">pdf</a>' }));
  suite.site.serve(
    '/ev/dnt',
    suite.site.page({
      attrs: { 'data-respect-dnt': null },
      before: `${STUB}<script>footfall('signup')</script>`,
    }),
  );
  suite.site.serve('/ev/marker', suite.site.page());
  const page = await suite.context.newPage();
  await page.goto(`${suite.site.origin}/ev/plain`);
  await suite.site.waitFor(under('/ev/plain', 'pageview'));

  // Act
  await page.click('#pdf');
  await page.waitForLoadState();
  const dnt = await suite.browser.newContext();
  await dnt.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1', configurable: true });
  });
  const dntPage = await dnt.newPage();
  await dntPage.goto(`${suite.site.origin}/ev/dnt`);
  await dntPage.evaluate(() => (window as unknown as { footfall: (n: string) => void }).footfall('later'));
  await dnt.close();
  await page.goto(`${suite.site.origin}/ev/marker`);
  await suite.site.waitFor(under('/ev/marker', 'pageview'));

  // Assess
  expect(suite.site.events.filter(under('/ev/plain', 'event'))).toEqual([]);
  expect(suite.site.events.filter(under('/ev/dnt'))).toEqual([]);
});
