// parseUserAgent: a User-Agent header to browser, OS, device class and bot flag, never throwing.
import woothee from 'woothee';

import { botName } from './botName';
import { MAX_USER_AGENT_LENGTH, MAX_VERSION_LENGTH, UNKNOWN } from './constants';
import { detectBot } from './detectBot';
import { detectDevice } from './detectDevice';
import { normaliseBrowser } from './normaliseBrowser';
import { normaliseOs } from './normaliseOs';
import type { UserAgentInfo } from './types';

/** Every real user agent names a product in ASCII; text without a single ASCII letter has nothing to parse. */
const HAS_ASCII_LETTER = /[A-Za-z]/;

/**
 * Parses a User-Agent header into short display names, a device class and a bot flag.
 *
 * Accepts anything and never throws: a missing header, a number, binary junk, text without an ASCII
 * letter or 10 KB of filler come back as "Unknown" / `other` with `isBot: false`. Only the first
 * {@link MAX_USER_AGENT_LENGTH} characters are read, so a padded user agent is judged by its start.
 * Brave and other Chromium forks that send Chrome's user agent unchanged are reported as Chrome; an
 * iPad in Safari's default desktop mode sends a Mac user agent and is reported as macOS desktop.
 *
 * @example
 * parseUserAgent('Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1');
 * // { browser: 'Safari', browserVersion: '17.4', os: 'iOS', osVersion: '17.4', device: 'tablet', isBot: false }
 */
export function parseUserAgent(ua: unknown): UserAgentInfo {
  if (typeof ua !== 'string') return unknownAgent();
  const truncated = ua.length > MAX_USER_AGENT_LENGTH;
  const text = (truncated ? ua.slice(0, MAX_USER_AGENT_LENGTH) : ua).trim();
  if (!HAS_ASCII_LETTER.test(text) || hasControlCharacter(text)) return unknownAgent();
  try {
    return classify(text, truncated);
  } catch {
    // woothee and isbot are regex tables and are not known to throw; this keeps a future release
    // that does from turning one odd header into a failed request.
    return unknownAgent();
  }
}

function classify(ua: string, truncated: boolean): UserAgentInfo {
  const parsed = woothee.parse(ua);
  if (detectBot(ua, parsed, truncated)) {
    const bot = botName(ua);
    // A crawler's platform tokens are borrowed from the browser it imitates, so no OS is reported.
    return {
      browser: bot.name,
      browserVersion: bot.version.slice(0, MAX_VERSION_LENGTH),
      os: UNKNOWN,
      osVersion: '',
      device: 'bot',
      isBot: true,
    };
  }
  const browser = normaliseBrowser(ua, parsed);
  const os = normaliseOs(ua, parsed);
  return {
    browser: browser.name,
    browserVersion: browser.version.slice(0, MAX_VERSION_LENGTH),
    os: os.name,
    osVersion: os.version.slice(0, MAX_VERSION_LENGTH),
    device: detectDevice(ua, parsed),
    isBot: false,
  };
}

/** C0 controls other than tab, DEL and C1 controls never occur in a header a real client sends: it is binary junk. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

function unknownAgent(): UserAgentInfo {
  return { browser: UNKNOWN, browserVersion: '', os: UNKNOWN, osVersion: '', device: 'other', isBot: false };
}
