// Starts Debian's Chromium through playwright-core with the flags that work as root and without network.
import { chromiumLaunchOptions } from '@footfall/config/chromium';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Launches headless Chromium (`CHROMIUM_PATH` overrides /usr/bin/chromium). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

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
