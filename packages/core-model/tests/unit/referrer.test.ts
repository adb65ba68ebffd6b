// Referrer hosts (SPEC §4) from full URLs and from the original embed's cleaned referrers, and its visitor rule.
import { arrivedFromOutside, referrerHost } from '../../src';

describe('referrerHost', () => {
  it.each([
    ['https://www.Google.com/search?q=x', 'google.com'],
    ['http://news.ycombinator.com:8080/item', 'news.ycombinator.com'],
    ['android-app://com.google.android.gm/', 'com.google.android.gm'],
    ['https://example.com/other-page', undefined],
    ['https://www.example.com/', undefined],
    ['not a url', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('full URL %s → %s for example.com', (referrer, host) => {
    // Act & Assess
    expect(referrerHost(referrer, 'example.com')).toBe(host);
  });

  it.each([
    ['news.ycombinator.com/item', 'news.ycombinator.com'],
    ['google.com/', 'google.com'],
    ['Google.COM', 'google.com'],
    ['www.bing.com/search', 'bing.com'],
    ['localhost:3000/page', 'localhost'],
    ['user@mastodon.social/@someone', 'mastodon.social'],
    ['xn--bcher-kva.example/', 'xn--bcher-kva.example'],
    ['example.com/blog/post', undefined],
    ['www.example.com/', undefined],
    ['/relative/path', undefined],
    ['?q=1', undefined],
    ['javascript:alert(1)', undefined],
    ['about:blank', undefined],
    ['two words/x', undefined],
    [`${'a'.repeat(250)}.com/`, undefined],
  ])('cleaned %s → %s for example.com', (referrer, host) => {
    // Act & Assess
    expect(referrerHost(referrer, 'example.com')).toBe(host);
  });

  it('treats the site with a port as the same site', () => {
    // Act & Assess
    expect(referrerHost('http://localhost:3000/a', 'localhost:3000')).toBeUndefined();
    expect(referrerHost('localhost:3000/a', 'localhost:3000')).toBeUndefined();
  });
});

describe('arrivedFromOutside', () => {
  it.each([
    [undefined, true],
    ['', true],
    ['google.com/', true],
    ['https://news.ycombinator.com/item?id=1', true],
    ['example.com/blog/post', false],
    ['https://www.example.com/', false],
    ['not a url', false],
  ])('%s → %s for example.com', (referrer, expected) => {
    // Act & Assess
    expect(arrivedFromOutside(referrer, 'example.com')).toBe(expected);
  });
});
