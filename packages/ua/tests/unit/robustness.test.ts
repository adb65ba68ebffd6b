// parseUserAgent on hostile and malformed input: it always answers, and junk is Unknown/other, not a bot.
import { randomBytes } from 'node:crypto';

import fc from 'fast-check';

import {
  DEVICE_TYPES,
  MAX_NAME_LENGTH,
  MAX_USER_AGENT_LENGTH,
  MAX_VERSION_LENGTH,
  parseUserAgent,
  type UserAgentInfo,
} from '../../src';

const UNKNOWN_AGENT: UserAgentInfo = {
  browser: 'Unknown',
  browserVersion: '',
  os: 'Unknown',
  osVersion: '',
  device: 'other',
  isBot: false,
};

/** Every byte value once, in a fixed shuffled order: "binary" that is the same on every run. */
function allBytes(): Buffer {
  return Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 167 + 13) % 256));
}

/** The invariants every answer keeps, whatever came in. */
function isWellFormed(parsed: UserAgentInfo): boolean {
  return (
    parsed.browser.length > 0 &&
    parsed.browser.length <= MAX_NAME_LENGTH &&
    parsed.os.length > 0 &&
    parsed.os.length <= MAX_NAME_LENGTH &&
    parsed.browserVersion.length <= MAX_VERSION_LENGTH &&
    parsed.osVersion.length <= MAX_VERSION_LENGTH &&
    DEVICE_TYPES.includes(parsed.device) &&
    parsed.isBot === (parsed.device === 'bot')
  );
}

/** Pieces of real user agents, so generated strings also reach the parsing paths, not only the junk gate. */
const UA_PIECES = [
  'Mozilla/5.0 ',
  '(',
  ';',
  ')',
  ' ',
  'AppleWebKit/537.36',
  'Chrome/',
  'Safari',
  'Android 14',
  'iPad',
  'Mobile',
  'compatible',
  'bot',
  'Windows NT 10.0',
  'FBAV/',
  'Instagram ',
  '1',
  '.',
  '/',
  '_',
  '-',
  'é',
];

describe('parseUserAgent on malformed input', () => {
  it.each([
    ['an empty string', ''],
    ['only whitespace', ' \t  '],
    ['undefined (no header)', undefined],
    ['null', null],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['an object', { ua: 'Mozilla/5.0' }],
    ['an array', ['Mozilla/5.0']],
  ])('answers Unknown/other, not a bot, for %s', (_name, input) => {
    // Act
    const parsed = parseUserAgent(input);

    // Assess
    expect(parsed).toEqual(UNKNOWN_AGENT);
  });

  it.each([
    ['10 KB of one letter', 'A'.repeat(10 * 1024)],
    ['10 KB of words', 'lorem ipsum '.repeat(854)],
    ['10 KB of a repeated product token', 'Mozilla/5.0 '.repeat(854)],
  ])('answers Unknown/other, not a bot, for %s', (_name, input) => {
    // Act
    const parsed = parseUserAgent(input);

    // Assess
    expect(parsed).toEqual(UNKNOWN_AGENT);
  });

  it.each([
    ['every byte value read as latin1', allBytes().toString('latin1')],
    ['every byte value read as UTF-8', allBytes().toString('utf8')],
    ['random bytes read as latin1', randomBytes(512).toString('latin1')],
    ['10 KB of random bytes read as latin1', randomBytes(10 * 1024).toString('latin1')],
    [
      'a browser user agent with a NUL byte inside',
      'Mozilla/5.0 (Windows NT 10.0\u0000; Win64) Chrome/124.0.0.0',
    ],
  ])('answers Unknown/other, not a bot, for binary junk: %s', (_name, input) => {
    // Act
    const parsed = parseUserAgent(input);

    // Assess
    expect(parsed).toEqual(UNKNOWN_AGENT);
  });

  it.each([
    ['Japanese text', '日本語のユーザーエージェント'],
    ['emoji', '🦄🦄🦄 unicorn'],
    ['a lone surrogate', '\uD800abc'],
    ['right-to-left text', 'متصفح الإنترنت'],
    ['100 characters of kanji without a space', '漢'.repeat(100)],
  ])('answers Unknown/other, not a bot, for non-ASCII text: %s', (_name, input) => {
    // Act
    const parsed = parseUserAgent(input);

    // Assess
    expect(parsed).toEqual(UNKNOWN_AGENT);
  });

  it('never throws and always returns a well-formed result for arbitrary strings', () => {
    // Prepare
    const anyString = fc.oneof(
      fc.string({ maxLength: MAX_USER_AGENT_LENGTH + 64 }),
      fc.string({ unit: 'grapheme', maxLength: MAX_USER_AGENT_LENGTH + 64 }),
      // Random bytes read as latin1, as a header arrives when nothing decodes it (fc's 'binary' unit costs seconds to build).
      fc
        .uint8Array({ maxLength: MAX_USER_AGENT_LENGTH + 64 })
        .map((bytes) => Buffer.from(bytes).toString('latin1')),
      fc.string({ unit: fc.constantFrom(...UA_PIECES), maxLength: 200 }),
    );

    // Act / Assess
    fc.assert(
      fc.property(anyString, (ua) => isWellFormed(parseUserAgent(ua))),
      { numRuns: 300 },
    );
  });

  it('keeps crafted names and versions short enough to store', () => {
    // Prepare
    const longVersion = '1.'.repeat(200);

    // Act
    const android = parseUserAgent(
      `Mozilla/5.0 (Linux; Android ${longVersion}) Chrome/${longVersion} Mobile`,
    );
    const bot = parseUserAgent(`${'Very'.repeat(40)}Bot/${longVersion}`);

    // Assess
    expect(android.osVersion.length).toBeLessThanOrEqual(MAX_VERSION_LENGTH);
    expect(android.browserVersion.length).toBeLessThanOrEqual(MAX_VERSION_LENGTH);
    expect(bot.isBot).toBe(true);
    expect(bot.browser.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(bot.browserVersion.length).toBeLessThanOrEqual(MAX_VERSION_LENGTH);
  });

  it('answers Unknown/other, not a bot, for any text without an ASCII letter', () => {
    // Prepare
    const noAsciiLetter = fc.string({ unit: 'grapheme', maxLength: 600 }).filter((s) => !/[A-Za-z]/.test(s));

    // Act / Assess
    fc.assert(
      fc.property(noAsciiLetter, (ua) => {
        expect(parseUserAgent(ua)).toEqual(UNKNOWN_AGENT);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws for arbitrary values of any type', () => {
    // Act / Assess
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(() => parseUserAgent(value)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
