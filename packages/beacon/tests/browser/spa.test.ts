// Single-page apps: history.pushState/replaceState and back/forward make views; hash routes only when asked to.
import { browserSuite } from '../helpers/browserSuite';
import { collectPageErrors } from '../helpers/chromium';
import { under } from '../helpers/testSite';

const suite = browserSuite();

test('pushState to a new path sends the engagement of the view that ends, then a new pageview', async () => {
  // Prepare
  const page = await suite.context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${suite.site.origin}/push/one`);
  const [first] = await suite.site.waitFor(under('/push/', 'pageview'));

  // Act
  await page.evaluate(() => history.pushState({}, '', '/push/two?utm_source=app&tab=3'));
  const views = await suite.site.waitFor(under('/push/', 'pageview'), 2);
  const [engagement] = await suite.site.waitFor(under('/push/', 'engagement'));

  // Assess
  expect(engagement?.body).toMatchObject({ id: first?.body.id, path: '/push/one' });
  expect(views[1]?.body).toMatchObject({ path: '/push/two', unique: false, utm: { source: 'app' } });
  expect(views[1]?.body).not.toHaveProperty('referrer');
  expect(views[1]?.body.id).not.toEqual(first?.body.id);
  expect(errors).toEqual([]);
});

test('replaceState counts only when the path changes', async () => {
  // Prepare
  const page = await suite.context.newPage();
  await page.goto(`${suite.site.origin}/replace/list`);
  await suite.site.waitFor(under('/replace/', 'pageview'));

  // Act: a filter in the query string, then a real route change.
  await page.evaluate(() => history.replaceState({}, '', '/replace/list?sort=new'));
  await page.evaluate(() => history.replaceState({}, '', '/replace/detail'));
  const views = await suite.site.waitFor(under('/replace/', 'pageview'), 2);

  // Assess
  expect(views.map((e) => e.body.path)).toEqual(['/replace/list', '/replace/detail']);
});

test('pushState that keeps the path (a query change) is not a new view', async () => {
  // Prepare
  const page = await suite.context.newPage();
  await page.goto(`${suite.site.origin}/same/search`);
  await suite.site.waitFor(under('/same/', 'pageview'));

  // Act
  await page.evaluate(() => history.pushState({}, '', '/same/search?q=shoes'));
  await page.evaluate(() => history.pushState({}, '', '/same/results'));
  const views = await suite.site.waitFor(under('/same/', 'pageview'), 2);

  // Assess
  expect(views.map((e) => e.body.path)).toEqual(['/same/search', '/same/results']);
});

test('the back button (popstate) makes a view of the page returned to', async () => {
  // Prepare
  const page = await suite.context.newPage();
  await page.goto(`${suite.site.origin}/back/a`);
  await page.evaluate(() => history.pushState({}, '', '/back/b'));
  await suite.site.waitFor(under('/back/', 'pageview'), 2);

  // Act
  await page.goBack();
  const views = await suite.site.waitFor(under('/back/', 'pageview'), 3);

  // Assess
  expect(views.map((e) => [e.body.path, e.body.unique])).toEqual([
    ['/back/a', true],
    ['/back/b', false],
    ['/back/a', false],
  ]);
});

test('with data-hash the fragment is part of the path and a hash change is a view', async () => {
  // Prepare
  suite.site.serve('/hash-app/', suite.site.page({ attrs: { 'data-hash': '' } }));
  const page = await suite.context.newPage();
  await page.goto(`${suite.site.origin}/hash-app/#/inbox`);
  await suite.site.waitFor(under('/hash-app/', 'pageview'));

  // Act
  await page.evaluate(() => {
    location.hash = '#/settings';
  });
  const views = await suite.site.waitFor(under('/hash-app/', 'pageview'), 2);

  // Assess
  expect(views.map((e) => e.body.path)).toEqual(['/hash-app/#/inbox', '/hash-app/#/settings']);
});

test('without data-hash a jump to an anchor is not a view', async () => {
  // Prepare
  const page = await suite.context.newPage();
  await page.goto(`${suite.site.origin}/anchors/page`);
  await suite.site.waitFor(under('/anchors/', 'pageview'));

  // Act: an anchor jump, then a real navigation as a marker that everything before it has arrived.
  await page.evaluate(() => {
    location.hash = '#section-2';
  });
  await page.evaluate(() => history.pushState({}, '', '/anchors/next'));
  const views = await suite.site.waitFor(under('/anchors/', 'pageview'), 2);

  // Assess
  expect(views.map((e) => e.body.path)).toEqual(['/anchors/page', '/anchors/next']);
});
