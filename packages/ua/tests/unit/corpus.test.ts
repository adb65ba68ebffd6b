// The corpus: 300+ real user agents, each parsed to the browser, OS, device and bot flag a site owner expects.
import { parseUserAgent, type UserAgentInfo } from '../../src';
import { bots, type CorpusEntry, corpus, humans, title } from '../helpers/corpus';

/** The fields the corpus pins down; versions are covered in parseUserAgent.test.ts. */
const expected = ({ browser, os, device, isBot }: CorpusEntry | UserAgentInfo) => ({
  browser,
  os,
  device,
  isBot,
});

describe('the user-agent corpus', () => {
  it('is large and varied enough to mean something', () => {
    // Prepare
    const browsers = new Set(humans.map((entry) => entry.browser));
    const systems = new Set(humans.map((entry) => entry.os));

    // Assess
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    expect(bots.length).toBeGreaterThanOrEqual(30);
    expect(new Set(corpus.map((entry) => entry.ua)).size).toBe(corpus.length);
    for (const browser of [
      'Chrome',
      'Edge',
      'Firefox',
      'Safari',
      'Samsung Internet',
      'Opera',
      'IE',
      'Facebook',
      'Instagram',
    ]) {
      expect(browsers).toContain(browser);
    }
    for (const os of ['Windows', 'macOS', 'Linux', 'Android', 'iOS', 'ChromeOS']) {
      expect(systems).toContain(os);
    }
  });

  it.each(corpus.map((entry) => [title(entry), entry] as const))('%s', (_title, entry) => {
    // Act
    const parsed = parseUserAgent(entry.ua);

    // Assess
    expect({ ua: entry.ua, ...expected(parsed) }).toEqual({ ua: entry.ua, ...expected(entry) });
  });

  it('detects every bot in the corpus', () => {
    // Act
    const missed = bots.filter((entry) => !parseUserAgent(entry.ua).isBot).map((entry) => entry.ua);

    // Assess
    expect(missed).toEqual([]);
  });

  it('never flags a human browser as a bot', () => {
    // Act
    const flagged = humans.filter((entry) => parseUserAgent(entry.ua).isBot).map((entry) => entry.ua);

    // Assess
    expect(flagged).toEqual([]);
  });
});
