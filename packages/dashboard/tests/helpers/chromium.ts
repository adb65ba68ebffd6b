// Starts Debian's Chromium through playwright-core with the flags that work as root and without network.
import { type Browser, chromium } from 'playwright-core';

/** Launches headless Chromium (`CHROMIUM_PATH` overrides /usr/bin/chromium). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}
