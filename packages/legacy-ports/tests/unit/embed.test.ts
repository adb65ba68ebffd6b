// The embed port behaves as the original's code does on the inputs a browser gives it.
import { cleanReferrer, EmbedView, pixelRequest, scrollPosition, uuidv4 } from '../../src';

const PAGE = {
  pathname: '/blog/hello',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0',
  referrer: 'https://www.google.com/',
  viewport: { width: 1280, height: 800 },
  screen: { width: 1920, height: 1080 },
  timeZone: 'Europe/London',
  start: 1_000_000,
  uuid: '6f1c2a4e-0d3b-4c5a-9e8f-7a6b5c4d3e2f',
};

describe('cleanReferrer', () => {
  it.each([
    ['https://www.google.com/', 'google.com/'],
    ['https://news.ycombinator.com/item?id=1', 'news.ycombinator.com/item'],
    ['https://m.facebook.com/story.php#x', 'facebook.com/story.php'],
    ['https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com', 'facebook.com/l.php'],
    ['http://www2.example.org/a/b', 'example.org/a/b'],
    ['https://ww.example.org/', 'example.org/'],
    ['https://mail.google.com/', 'mail.google.com/'],
    ['http://localhost:3000/page', 'localhost:3000/page'],
    ['android-app://com.google.android.gm/', 'android-app://com.google.android.gm/'],
    ['', ''],
  ])('%s → %s', (url, cleaned) => {
    // Act & Assess
    expect(cleanReferrer(url)).toBe(cleaned);
  });
});

describe('EmbedView', () => {
  it('builds the pixel query in the embed order, URI-encoded, timezone last', () => {
    // Act
    const view = new EmbedView(PAGE);

    // Assess
    expect(view.toParams()).toBe(
      `uuid=${PAGE.uuid}&path=%2Fblog%2Fhello&ua=${encodeURIComponent(PAGE.userAgent)}` +
        '&viewport_width=1280&viewport_height=800&screen_width=1920&screen_height=1080' +
        '&referrer=google.com%2F&duration=0&scroll=0&timezone=Europe%2FLondon',
    );
  });

  it('leaves out an empty referrer and a missing time zone', () => {
    // Act
    const view = new EmbedView({ ...PAGE, referrer: '', timeZone: undefined, pathname: 'about' });

    // Assess
    const params = new URLSearchParams(view.toParams());
    expect(params.has('referrer')).toBe(false);
    expect(params.has('timezone')).toBe(false);
    expect(params.get('path')).toBe('/about');
  });

  it('sends duration without hidden time and the largest scroll in the append body', () => {
    // Prepare
    const view = new EmbedView(PAGE);
    view.onScroll(scrollPosition(900, 3000));
    view.onVisibilityChange(true, PAGE.start + 10_000);
    view.onVisibilityChange(false, PAGE.start + 70_000);

    // Act
    const body = view.beaconAt(PAGE.start + 95_400, scrollPosition(800, 3000));

    // Assess
    expect(JSON.parse(body)).toEqual({ uuid: PAGE.uuid, path: '/blog/hello', duration: 35, scroll: 30 });
  });

  it('sends the pixel with the page origin as Referer and no Origin', () => {
    // Act
    const request = pixelRequest(new EmbedView(PAGE), 'https://blog.example');

    // Assess
    expect(request.headers).toEqual({ 'user-agent': PAGE.userAgent, referer: 'https://blog.example/' });
    expect(request.path.startsWith('/pv.gif?uuid=')).toBe(true);
  });
});

describe('uuidv4', () => {
  it('makes version 4 UUIDs', () => {
    // Act
    const ids = Array.from({ length: 50 }, uuidv4);

    // Assess
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(50);
  });
});
