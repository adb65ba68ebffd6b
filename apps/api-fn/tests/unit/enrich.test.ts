// Pure ingest enrichment: referrer hosts (full and as the original embed cleaned them), UTM trimming, country from time zone, TTL.
import { DAY_MS } from '@footfall/core-model';
import { parseUserAgent } from '@footfall/ua';
import { enrichPageview } from '../../src/enrich';
import { CHROME_UA, VIEW_ID } from '../fixtures/requests';

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
