// Starts Debian's Chromium through playwright-core with the flags that work as root and without network.
import { chromiumLaunchOptions } from '@footfall/config/chromium';
import { type Browser, chromium } from 'playwright-core';

/** Launches headless Chromium (`CHROMIUM_PATH` overrides /usr/bin/chromium). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}
