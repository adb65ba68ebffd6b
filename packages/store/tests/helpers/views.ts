// Stored views and their stream history for store tests: what the trigger would see, record by record.
import type { RawView } from '@footfall/core-model';
import { rawView } from '@footfall/testing';

/** 2026-03-08 00:00 UTC. */
export const DAY_START = Date.UTC(2026, 2, 8);

/** A non-bot unique view of `/` on example.com at 00:00 UTC with no referrer; tests override what matters. */
export const aView = (overrides: Partial<RawView> = {}): RawView =>
  rawView({ time: DAY_START, referrer: undefined, ...overrides });

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
