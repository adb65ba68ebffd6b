// Chromium for the demo journey: the shared launch, with back navigations that load the page again.
import { launchChromium as launch } from '@footfall/testing';
import type { Browser } from 'playwright-core';

export { DESKTOP_CHROME_UA } from '@footfall/testing';

/** Launches Chromium (CHROMIUM_PATH or /usr/bin/chromium). */
export function launchChromium(): Promise<Browser> {
  // Back navigations then load the page again, so what the beacon counts does not depend on cache heuristics.
  return launch(['--disable-back-forward-cache']);
}
