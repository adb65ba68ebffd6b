// Factory of stored raw views for tests: a plausible default that each test overrides where it matters.
import type { RawView } from '../../src';

/** 2026-03-08 14:30 UTC: a Sunday, the day New York starts daylight saving time. */
export const VIEW_TIME = Date.UTC(2026, 2, 8, 14, 30);

let counter = 0;

/** A non-bot, unique desktop view of `/blog/` on example.com, with every dimension set. */
export function aView(overrides: Partial<RawView> = {}): RawView {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    site: 'example.com',
    path: '/blog/',
    time: VIEW_TIME,
    unique: true,
    bot: false,
    browser: 'Firefox',
    os: 'Linux',
    device: 'desktop',
    country: 'DE',
    referrer: 'news.ycombinator.com',
    utmSource: 'newsletter',
    utmCampaign: 'spring',
    expiresAt: Math.floor(VIEW_TIME / 1000) + 30 * 86_400,
    ...overrides,
  };
}
