// The banner that says counting is behind (GET /api/status), and nothing at all when it is not or cannot be told.
import type { PipelineStatus } from '@footfall/core-model/schemas';
import { h } from './dom';

/** How often an open dashboard asks again (the server reads the alarm at most once a minute anyway). */
export const STATUS_REFRESH_MS = 60_000;

function minutes(seconds: number): string {
  const m = Math.max(1, Math.round(seconds / 60));
  return `${m} minute${m === 1 ? '' : 's'}`;
}

/**
 * The banner's words for a status, or undefined when there is nothing to say: only `behind` speaks; `ok` and
 * `unknown` (no alarm, or it could not be read) say nothing, so a quiet site never looks behind.
 * @example behindMessage({ state: 'behind', lagSeconds: 420, thresholdSeconds: 300, checkedAt }) // 'Counting is 7 minutes behind: …'
 */
export function behindMessage(status: PipelineStatus | undefined): string | undefined {
  if (status?.state !== 'behind') return undefined;
  const kept = 'They are kept, and counted as soon as counting catches up.';
  if (status.lagSeconds !== null && status.lagSeconds > 0)
    return `Counting is ${minutes(status.lagSeconds)} behind: views of the last ${minutes(status.lagSeconds)} are not in these numbers yet. ${kept}`;
  const threshold = status.thresholdSeconds ?? 300;
  return `Counting is more than ${minutes(threshold)} behind: the newest views are not in these numbers yet. ${kept}`;
}

/** The banner element, hidden until `show` is given a status that is behind. */
export interface BehindBanner {
  element: HTMLElement;
  show(status: PipelineStatus | undefined): void;
}

/** Creates the banner (an ARIA status region, so a screen reader announces it when it appears). */
export function behindBanner(): BehindBanner {
  const element = h('p', { class: 'behind-banner', role: 'status', hidden: true });
  return {
    element,
    show(status) {
      const message = behindMessage(status);
      element.textContent = message ?? '';
      element.hidden = message === undefined;
    },
  };
}
