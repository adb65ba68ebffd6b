// Stored raw views for tests: a plausible view that each test overrides where it matters.
import type { RawView } from '@footfall/core-model';

/** 2026-03-08 14:30 UTC, the default view time: a Sunday, the day New York starts daylight saving time. */
export const VIEW_TIME = Date.UTC(2026, 2, 8, 14, 30);

let counter = 0;

/** A fresh view id (a valid UUID), different on every call. */
export function nextViewId(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
}

/**
 * A stored view with a fresh id: a unique, non-bot desktop Firefox view of `/` on example.com from Germany via
 * news.ycombinator.com at VIEW_TIME, expiring 30 days later; no UTM values and no engagement.
 * @example const bot = rawView({ bot: true, device: 'bot', time: Date.UTC(2026, 2, 1, 10) });
 */
export function rawView(overrides: Partial<RawView> = {}): RawView {
  const time = overrides.time ?? VIEW_TIME;
  return {
    id: nextViewId(),
    site: 'example.com',
    path: '/',
    time,
    unique: true,
    bot: false,
    browser: 'Firefox',
    os: 'Linux',
    device: 'desktop',
    country: 'DE',
    referrer: 'news.ycombinator.com',
    expiresAt: Math.floor(time / 1000) + 30 * 86_400,
    ...overrides,
  };
}

/** The view with engagement reported (what the item holds after an engagement event). */
export const engaged = (v: RawView, duration: number, scroll: number): RawView => ({
  ...v,
  duration,
  scroll,
});
