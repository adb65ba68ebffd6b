// Beacon requests as tests send them: user agents, a valid pageview and engagement, the sites tests configure.

export const SITE = 'example.com';
export const OTHER_SITE = 'blog.example.org';
export const DASHBOARD_ORIGIN = 'https://dash.example.com';

export const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
export const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
export const BOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

export const VIEW_ID = '0b0c3c1e-5d7a-4f7e-9c1a-2b3c4d5e6f70';

/** A pageview as the beacon sends it. */
export const pageview = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'pageview',
  id: VIEW_ID,
  site: SITE,
  path: '/blog/hello',
  referrer: 'https://www.Google.com/search?q=footfall',
  unique: true,
  screen: [1920, 1080],
  viewport: [1280, 800],
  tz: 'Europe/Berlin',
  lang: 'de-DE',
  utm: { source: ' newsletter ', campaign: 'spring' },
  ...overrides,
});

/** An engagement event for the same view. */
export const engagement = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'engagement',
  id: VIEW_ID,
  site: SITE,
  path: '/blog/hello',
  duration: 42,
  scroll: 80,
  ...overrides,
});

/** A custom event on the same view (`footfall('signup', {plan: 'pro'})`). */
export const customEvent = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'event',
  id: '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  view: VIEW_ID,
  site: SITE,
  path: '/blog/hello',
  name: 'signup',
  props: { plan: 'pro' },
  ...overrides,
});
