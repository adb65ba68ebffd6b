// Crawler detection: woothee's crawler list plus isbot's, which knows the crawlers woothee's 2020 data predates.
import { isbot, isbotNaive } from 'isbot';

import type { WootheeResult } from './types';

/**
 * Whether the user agent is a crawler, script or headless browser.
 *
 * For a cut-off user agent only isbot's by-name pattern (bot, crawl, spider, …) is used: its full
 * pattern also judges shape ("one 50-character token", "ends in a bare word"), which any long
 * string cut at an arbitrary point can trip.
 */
export function detectBot(ua: string, parsed: WootheeResult, truncated: boolean): boolean {
  if (parsed.category === 'crawler') return true;
  return truncated ? isbotNaive(ua) : isbot(ua);
}
