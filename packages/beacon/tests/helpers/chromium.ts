// Page helpers of the beacon's browser tests (Chromium itself is launched by @footfall/testing).
import type { Page } from 'playwright-core';

export { launchChromium } from '@footfall/testing';

/** Collects the page's uncaught errors, so a test can check the beacon added none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Makes the page look hidden or visible and fires visibilitychange, as switching tabs does. */
export function setHidden(page: Page, hidden: boolean): Promise<void> {
  return page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (h ? 'hidden' : 'visible'),
    });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  }, hidden);
}
