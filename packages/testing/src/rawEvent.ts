// Stored custom events for tests: a plausible event that each test overrides where it matters.
import type { RawEvent } from '@footfall/core-model';
import { nextViewId, VIEW_TIME } from './rawView';

/**
 * A stored custom event with a fresh id: a non-bot `signup` with prop plan=pro on `/` of example.com at
 * VIEW_TIME, on a fresh view, expiring 30 days later.
 * @example const again = rawEvent({ view: first.view });
 */
export function rawEvent(overrides: Partial<RawEvent> = {}): RawEvent {
  const time = overrides.time ?? VIEW_TIME;
  return {
    id: nextViewId(),
    site: 'example.com',
    path: '/',
    name: 'signup',
    props: { plan: 'pro' },
    view: nextViewId(),
    time,
    bot: false,
    expiresAt: Math.floor(time / 1000) + 30 * 86_400,
    ...overrides,
  };
}
