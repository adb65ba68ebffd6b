// Pure ingest enrichment: referrer hosts (full and as the original embed cleaned them), UTM trimming, country from time zone, TTL.
import { parseUserAgent } from '@footfall/ua';
import { DAY_MS, enrichPageview } from '../../src';

const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const VIEW_ID = '0b0c3c1e-5d7a-4f7e-9c1a-2b3c4d5e6f70';

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
