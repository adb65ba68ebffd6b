// Pages that misbehave: their own errors, and history objects that are frozen, replaced or booby-trapped.
import { browserSuite } from '../helpers/browserSuite';
import { collectPageErrors } from '../helpers/chromium';
import { under } from '../helpers/testSite';

const suite = browserSuite();

test('a page whose own scripts throw is still counted, and sees only its own errors', async () => {
  // Prepare
  suite.site.serve(
    '/throws/page',
    suite.site.page({
      before: '<script>throw new Error("page bug before")</script>',
      after: '<script defer>undefinedFunction()</script>',
    }),
  );
  const page = await suite.context.newPage();
  const errors = collectPageErrors(page);

  // Act
  await page.goto(`${suite.site.origin}/throws/page`);
  const [view] = await suite.site.waitFor(under('/throws/', 'pageview'));

  // Assess
  expect(view?.body.path).toBe('/throws/page');
  expect(errors.sort()).toEqual(['page bug before', 'undefinedFunction is not defined']);
});

test('a frozen history.pushState is left alone: the page still counts and navigates', async () => {
  // Prepare
  suite.site.serve(
    '/frozen/page',
    suite.site.page({
      before: `<script>
        Object.defineProperty(history, 'pushState', { value: history.pushState.bind(history), writable: false });
      </script>`,
    }),
  );
  const page = await suite.context.newPage();
  const errors = collectPageErrors(page);

  // Act
  await page.goto(`${suite.site.origin}/frozen/page`);
  const [view] = await suite.site.waitFor(under('/frozen/', 'pageview'));
  const path = await page.evaluate(() => {
    history.pushState({}, '', '/frozen/next');
    return location.pathname;
  });
  // replaceState could still be wrapped, so SPA views keep working through it.
  await page.evaluate(() => history.replaceState({}, '', '/frozen/replaced'));
  const views = await suite.site.waitFor(under('/frozen/', 'pageview'), 2);

  // Assess
  expect(view?.body.path).toBe('/frozen/page');
  expect(path).toBe('/frozen/next');
  expect(views[1]?.body.path).toBe('/frozen/replaced');
  expect(errors).toEqual([]);
});

test('a history replaced by a plain object does not stop the count and is left as it was', async () => {
  // Prepare
  suite.site.serve(
    '/fake-history/page',
    suite.site.page({
      before: `<script>
        Object.defineProperty(window, 'history', { value: { length: 1, state: null }, configurable: true });
      </script>`,
    }),
  );
  const page = await suite.context.newPage();
  const errors = collectPageErrors(page);

  // Act
  await page.goto(`${suite.site.origin}/fake-history/page`);
  const [view] = await suite.site.waitFor(under('/fake-history/', 'pageview'));
  const keys = await page.evaluate(() => Object.keys(history));

  // Assess
  expect(view?.body.path).toBe('/fake-history/page');
  expect(keys).toEqual(['length', 'state']);
  expect(errors).toEqual([]);
});

test('a history that throws on access does not stop the count', async () => {
  // Prepare
  suite.site.serve(
    '/trapped-history/page',
    suite.site.page({
      before: `<script>
        Object.defineProperty(window, 'history', { get() { throw new Error('no history here'); }, configurable: true });
      </script>`,
    }),
  );
  const page = await suite.context.newPage();
  const errors = collectPageErrors(page);

  // Act
  await page.goto(`${suite.site.origin}/trapped-history/page`);
  const [view] = await suite.site.waitFor(under('/trapped-history/', 'pageview'));

  // Assess
  expect(view?.body.path).toBe('/trapped-history/page');
  expect(errors).toEqual([]);
});

test('an error thrown by the page inside its own pushState reaches the page, not the beacon', async () => {
  // Prepare
  const page = await suite.context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${suite.site.origin}/push-error/page`);
  await suite.site.waitFor(under('/push-error/', 'pageview'));

  // Act: a cross-origin URL makes the browser's pushState throw a SecurityError.
  const message = await page.evaluate(() => {
    try {
      history.pushState({}, '', 'https://elsewhere.example/');
      return 'no error';
    } catch (e) {
      return (e as Error).name;
    }
  });

  // Assess
  expect(message).toBe('SecurityError');
  expect(errors).toEqual([]);
});
