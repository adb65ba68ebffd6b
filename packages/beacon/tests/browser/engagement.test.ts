// Engagement: visible time without the hidden stretches, the deepest scroll, sent when the reader leaves or hides.
import type { Page } from 'playwright-core';
import { browserSuite } from '../helpers/browserSuite';
import { collectPageErrors, setHidden } from '../helpers/chromium';
import { under } from '../helpers/testSite';

const suite = browserSuite({ context: { viewport: { width: 800, height: 1000 } } });

// 4000 px of content in a 1000 px viewport: scrolled to 1000 px, the reader has seen half of it.
const tallPage = () => suite.site.page({ body: '<div style="height:4000px">long read</div>' });

const scrollPage = (page: Page, y: number) =>
  page.evaluate(
    (top) =>
      new Promise<void>((resolve) => {
        addEventListener('scroll', () => resolve(), { once: true });
        window.scrollTo(0, top);
      }),
    y,
  );

// Time in the page moves only when the test says so (Date, performance.now and timers alike).
const freezeClock = async (page: Page) => {
  const start = Date.parse('2025-03-01T10:00:00Z');
  await page.clock.install({ time: start });
  await page.clock.pauseAt(start + 1000);
};

test('hiding the tab sends visible seconds and the deepest scroll, and hidden time is not counted', async () => {
  // Prepare
  suite.site.serve('/hidden/article', tallPage());
  const page = await suite.context.newPage();
  const errors = collectPageErrors(page);
  await freezeClock(page);
  await page.goto(`${suite.site.origin}/hidden/article`);
  const [view] = await suite.site.waitFor(under('/hidden/', 'pageview'));
  const id = view?.body.id;

  // Act: 12 s reading with a scroll to the middle and back up, then the tab is hidden for a minute,
  // shown again for 5 s and hidden once more.
  await page.clock.fastForward(12_000);
  await scrollPage(page, 1000);
  await scrollPage(page, 0);
  await setHidden(page, true);
  const [first] = await suite.site.waitFor(under('/hidden/', 'engagement'));
  await page.clock.fastForward(60_000);
  await setHidden(page, false);
  await page.clock.fastForward(5_000);
  await setHidden(page, true);
  const engagements = await suite.site.waitFor(under('/hidden/', 'engagement'), 2);

  // Assess
  expect(first?.contentType).toMatch(/^text\/plain\b/);
  expect(first?.body).toEqual({
    type: 'engagement',
    id,
    site: '127.0.0.1',
    path: '/hidden/article',
    duration: 12,
    scroll: 50,
  });
  expect(engagements[1]?.body).toMatchObject({ id, duration: 17, scroll: 50 });
  expect(errors).toEqual([]);
});

test('leaving the page sends the engagement of the view that ends', async () => {
  // Prepare
  suite.site.serve('/leave/article', tallPage());
  const page = await suite.context.newPage();
  await freezeClock(page);
  await page.goto(`${suite.site.origin}/leave/article`);
  const [view] = await suite.site.waitFor(under('/leave/article', 'pageview'));
  await page.clock.fastForward(3_000);
  await scrollPage(page, 3000);

  // Act
  await page.goto(`${suite.site.origin}/leave/elsewhere`);
  const [engagement] = await suite.site.waitFor(under('/leave/article', 'engagement'));

  // Assess
  expect(engagement?.body).toMatchObject({ id: view?.body.id, duration: 3, scroll: 100 });
});

test('a page that fits in the window counts as fully seen', async () => {
  // Prepare
  const page = await suite.context.newPage();
  await page.goto(`${suite.site.origin}/short/page`);
  await suite.site.waitFor(under('/short/', 'pageview'));

  // Act
  await setHidden(page, true);
  const [engagement] = await suite.site.waitFor(under('/short/', 'engagement'));

  // Assess
  expect(engagement?.body.scroll).toBe(100);
});

test('hiding twice without anything new sends the totals once', async () => {
  // Prepare
  const page = await suite.context.newPage();
  await freezeClock(page);
  await page.goto(`${suite.site.origin}/twice/page`);
  await suite.site.waitFor(under('/twice/', 'pageview'));

  // Act: a hidden tab, then the page is left, which fires pagehide with the same totals.
  await setHidden(page, true);
  await suite.site.waitFor(under('/twice/', 'engagement'));
  await page.goto(`${suite.site.origin}/twice-after/page`);
  await suite.site.waitFor(under('/twice-after/', 'pageview'));

  // Assess
  expect(suite.site.events.filter(under('/twice/', 'engagement'))).toHaveLength(1);
});
