// Pure ingest enrichment: referrer hosts, UTM trimming, country from time zone, TTL.
import { DAY_MS } from '@footfall/core-model';
import { parseUserAgent } from '@footfall/ua';
import { enrichPageview, referrerHost } from '../../src/enrich';
import { CHROME_UA, VIEW_ID } from '../fixtures/requests';

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
  ])('%s → %s for example.com', (referrer, host) => {
    // Act & Assess
    expect(referrerHost(referrer, 'example.com')).toBe(host);
  });

  it('treats the site with a port as the same site', () => {
    // Act & Assess
    expect(referrerHost('http://localhost:3000/a', 'localhost:3000')).toBeUndefined();
  });
});

describe('enrichPageview', () => {
  it('stores what the reports need and nothing else', () => {
    // Prepare
    const now = Date.UTC(2026, 0, 1);

    // Act
    const view = enrichPageview(
      {
        type: 'pageview',
        id: VIEW_ID.toUpperCase(),
        site: 'Example.com',
        path: '/a',
        tz: 'Asia/Tokyo',
        utm: { source: '  ', campaign: ' launch ' },
        screen: [1, 1],
      },
      parseUserAgent(CHROME_UA),
      now,
      7,
    );

    // Assess
    expect(view).toEqual({
      id: VIEW_ID,
      site: 'example.com',
      path: '/a',
      time: now,
      unique: false,
      bot: false,
      browser: 'Chrome',
      os: 'Windows',
      device: 'desktop',
      country: 'JP',
      referrer: undefined,
      utmSource: undefined,
      utmCampaign: 'launch',
      expiresAt: (now + 7 * DAY_MS) / 1000,
    });
  });
});
