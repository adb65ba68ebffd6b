// Lets a test hide and show a page as a switch to another tab would: headless Chromium always reports a page
// as visible, so document.visibilityState is replaced (before the page's own script runs) by a value the test
// sets, and visibilitychange is fired as the browser fires it.
import type { Page } from 'playwright-core';

/** Hides and shows the page. */
export interface PageVisibility {
  hide(): Promise<void>;
  show(): Promise<void>;
}

/**
 * Installs the switch; call it before the page navigates.
 * @example const tab = await controlVisibility(page); await page.goto(url); await tab.hide();
 */
export async function controlVisibility(page: Page): Promise<PageVisibility> {
  await page.addInitScript(() => {
    const w = window as unknown as { __testHidden?: boolean };
    Object.defineProperty(Document.prototype, 'visibilityState', {
      configurable: true,
      get: () => (w.__testHidden ? 'hidden' : 'visible'),
    });
    Object.defineProperty(Document.prototype, 'hidden', {
      configurable: true,
      get: () => w.__testHidden === true,
    });
  });
  const set = (hidden: boolean) =>
    page.evaluate((h) => {
      (window as unknown as { __testHidden?: boolean }).__testHidden = h;
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  return { hide: () => set(true), show: () => set(false) };
}
