// The user-agent corpus fixture, typed: real user agents with the result a site owner should see.
import type { DeviceType } from '../../src';
import entries from '../fixtures/user-agents.json';

/** One corpus line: a real user agent and what parseUserAgent must say about it. */
export interface CorpusEntry {
  ua: string;
  browser: string;
  os: string;
  device: DeviceType;
  isBot: boolean;
  /** Why the expectation is what it is, where that is not obvious (Brave, iPad desktop mode, …). */
  note?: string;
}

export const corpus = entries as CorpusEntry[];
export const bots = corpus.filter((entry) => entry.isBot);
export const humans = corpus.filter((entry) => !entry.isBot);

/** A short test title: the note if there is one, else the start of the user agent. */
export const title = (entry: CorpusEntry): string =>
  entry.note === undefined ? entry.ua.slice(0, 100) : `${entry.note}: ${entry.ua.slice(0, 60)}`;
