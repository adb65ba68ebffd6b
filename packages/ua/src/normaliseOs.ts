// Operating-system display name and version from woothee's answer, in the short names a dashboard shows.
import { UNKNOWN } from './constants';
import { knownOrEmpty } from './knownOrEmpty';
import type { NamedVersion, WootheeResult } from './types';

/** Platforms woothee reports as plain Linux or not at all; the first capture group, if any, is the version. */
const OS_TOKENS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bTizen(?: (\d+(?:\.\d+)*))?/, 'Tizen'],
  [/\bWeb0S\b|\bwebOS\b/, 'webOS'],
  [/\bKAIOS(?:\/(\d+(?:\.\d+)*))?/i, 'KaiOS'],
  [/\bPlayStation\b/, 'PlayStation'],
  [/\bNintendo\b/, 'Nintendo'],
];

/** woothee's OS names that map one-to-one; Windows is handled apart because its version is in the name. */
const WOOTHEE_OS_NAMES: Readonly<Record<string, string>> = {
  'Mac OSX': 'macOS',
  'Mac OS Classic': 'Mac OS',
  iPhone: 'iOS',
  iPad: 'iOS',
  iPod: 'iOS',
  iOS: 'iOS',
  Android: 'Android',
  ChromeOS: 'ChromeOS',
  Linux: 'Linux',
  BSD: 'BSD',
  'Windows Phone OS': 'Windows Phone',
  UNKNOWN,
};

/** OSes whose woothee version field holds something other than a version (an architecture, "NT 10.0"). */
const VERSION_FROM_UA: Readonly<Record<string, RegExp | null>> = {
  Android: /\bAndroid (\d+(?:\.\d+)*)/,
  ChromeOS: /\bCrOS \S+ (\d+(?:\.\d+)*)/,
  Linux: null,
  BSD: null,
};

/** Name and version of the operating system, e.g. `{ name: 'Windows', version: '10' }`. */
export function normaliseOs(ua: string, parsed: WootheeResult): NamedVersion {
  for (const [token, name] of OS_TOKENS) {
    const found = token.exec(ua);
    if (found !== null) return { name, version: found[1] ?? '' };
  }
  const wootheeOs = parsed.os;
  // woothee names Windows by release ("Windows 8.1", "Windows UNKNOWN Ver"); NT 10.0 covers 10 and 11.
  if (wootheeOs.startsWith('Windows ') && wootheeOs !== 'Windows Phone OS') {
    const release = wootheeOs.slice('Windows '.length);
    return { name: 'Windows', version: release.includes('UNKNOWN') ? '' : release };
  }
  const name = WOOTHEE_OS_NAMES[wootheeOs] ?? wootheeOs;
  const fromUa = VERSION_FROM_UA[name];
  if (fromUa === undefined) return { name, version: knownOrEmpty(parsed.os_version) };
  return { name, version: fromUa?.exec(ua)?.[1] ?? '' };
}
