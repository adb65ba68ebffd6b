// The page's visibility as the refresh schedules see it: the Page Visibility API of the document.
import type { Visibility } from './refreshScheduler';

/**
 * Reads `document.visibilityState` and listens to `visibilitychange`.
 * @example refreshScheduler({ everyMs: 60_000, run, visibility: documentVisibility(document) })
 */
export function documentVisibility(doc: Document = document): Visibility {
  return {
    isVisible: () => doc.visibilityState !== 'hidden',
    subscribe(listener) {
      doc.addEventListener('visibilitychange', listener);
      return () => doc.removeEventListener('visibilitychange', listener);
    },
  };
}
