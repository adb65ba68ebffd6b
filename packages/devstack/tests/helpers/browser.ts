// Debian's Chromium driven by playwright-core, with the flags that work as root without network.
import { chromiumLaunchOptions } from '@footfall/config/chromium';
import { type Browser, chromium } from 'playwright-core';

/** A desktop Chrome user agent: headless Chromium's own says "HeadlessChrome", which bot filters (rightly) drop. */
export const DESKTOP_CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

/** Launches Chromium (CHROMIUM_PATH or /usr/bin/chromium). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(
    chromiumLaunchOptions([
      // Back navigations then load the page again, so what the beacon counts does not depend on cache heuristics.
      '--disable-back-forward-cache',
    ]),
  );
}
