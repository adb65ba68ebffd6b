// Stored views and their stream history for store tests: what the trigger would see, record by record.
import type { RawView } from '@footfall/core-model';

/** 2026-03-08 00:00 UTC. */
export const DAY_START = Date.UTC(2026, 2, 8);

let counter = 0;

/** A non-bot unique view of `/` on example.com at 00:00 UTC; tests override what matters. */
export function aView(overrides: Partial<RawView> = {}): RawView {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    site: 'example.com',
    path: '/',
    time: DAY_START,
    unique: true,
    bot: false,
    browser: 'Firefox',
    os: 'Linux',
    device: 'desktop',
    country: 'DE',
    expiresAt: Math.floor(DAY_START / 1000) + 30 * 86_400,
    ...overrides,
  };
}

/** One stream change: a view recorded (`before` undefined) or its engagement raised. */
export type Change = [RawView | undefined, RawView];

/**
 * The changes the stream shows for a view whose engagement reports arrive in this order: ingest keeps the
 * largest duration and scroll, and a report that changes nothing writes nothing. `earlyReports` arrived
 * before the pageview (they are in the first image).
 */
export function historyOf(
  view: RawView,
  reports: readonly { duration: number; scroll: number }[],
  earlyReports = 0,
): { changes: Change[]; final: RawView } {
  let stored: RawView = { ...view };
  const raise = (r: { duration: number; scroll: number }) => ({
    ...stored,
    duration: Math.max(stored.duration ?? 0, r.duration),
    scroll: Math.max(stored.scroll ?? 0, r.scroll),
  });
  for (const r of reports.slice(0, earlyReports)) stored = raise(r);
  const changes: Change[] = [[undefined, stored]];
  for (const r of reports.slice(earlyReports)) {
    const next = raise(r);
    if (next.duration !== stored.duration || next.scroll !== stored.scroll) changes.push([stored, next]);
    stored = next;
  }
  return { changes, final: stored };
}
