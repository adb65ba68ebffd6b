// Debian's Chromium driven by playwright-core, with the flags that work as root, headless and without network.
import type { Browser } from 'playwright-core';

/** The flags every browser test launches Chromium with (ENVIRONMENT.md). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** A desktop Chrome user agent: headless Chromium's own says "HeadlessChrome", which bot filters (rightly) drop. */
export const DESKTOP_CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

/**
 * Launches headless Chromium: `CHROMIUM_PATH`, else /usr/bin/chromium, with the shared flags plus `extraArgs`.
 * @example const browser = await launchChromium(['--disable-back-forward-cache']);
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  // Loaded on first use: most tests importing this package never start a browser.
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}
