// The site series item: hourly site-wide counters of one UTC day, plus the day's distinct-value counts.
import { aggregateKey, type ReadResult, type SectionRange, sectionOf, sitePartition } from './aggregateKeys';
import { counterOf, describe, type Item } from './attributes';
import { DecodeError } from './errors';
import type { Key } from './keys';
import { HOUR_MS } from './time';
import { TRIE_DIMENSIONS, type TrieDimension, trieCode } from './valueTrie';

/** `series#<day>`: the site's hourly counters for one UTC day. */
export const seriesKey = (site: string, day: string): Key => aggregateKey(site, `series#${day}`);

/** The series items of a UTC day range. */
export const seriesRange = (site: string, fromDay: string, toDay: string): SectionRange => ({
  partition: sitePartition(site),
  from: `series#${fromDay}`,
  to: `series#${toDay}`,
});

/** The counters of one hour of a series item: `v` views, `u` visitors, `b` bots, `n` engaged, `d`/`s` sums. */
export type SeriesCounter = 'v' | 'u' | 'b' | 'n' | 'd' | 's';

/** The attribute of one hourly counter, e.g. `v07`. */
export const seriesAttribute = (counter: SeriesCounter, hour: number): string =>
  `${counter}${String(hour).padStart(2, '0')}`;

/**
 * The attribute counting a dimension's distinct values placed in its trie that day (`cpg`, `crf`, …): the
 * trigger reads it back to decide when new values go to `(other)` instead.
 */
export const distinctAttribute = (dimension: TrieDimension): string => `c${trieCode(dimension)}`;

/**
 * The day's custom events sent by bots (counted apart, like bot views). One counter a day rather than one an hour:
 * the series item must stay one write unit, and nothing reports bot events by the hour.
 */
export const BOT_EVENTS_ATTRIBUTE = 'eb';

/** The bot events a series item counts (absent: 0). */
export function readBotEvents(item: Item): ReadResult<number> {
  const errors: DecodeError[] = [];
  const n = counter(item, BOT_EVENTS_ATTRIBUTE, errors);
  return { value: n, errors };
}

/** Counters of one hour (site-wide or for one page). */
export interface HourCounters {
  views: number;
  visitors: number;
  bots: number;
  engaged: number;
  durationSum: number;
  scrollSum: number;
}

export const emptyHour = (): HourCounters => ({
  views: 0,
  visitors: 0,
  bots: 0,
  engaged: 0,
  durationSum: 0,
  scrollSum: 0,
});

function counter(item: Item, name: string, errors: DecodeError[]): number {
  const d = counterOf(item[name], name);
  if (!d.ok) {
    errors.push(d.error);
    return 0;
  }
  return Number(d.value);
}

/** Reads a `series#` item: UTC hour start (epoch ms) → site counters. */
export function readSeriesItem(item: Item): ReadResult<Map<number, HourCounters>> {
  const errors: DecodeError[] = [];
  const out = new Map<number, HourCounters>();
  const section = sectionOf(item);
  const dayStart = Date.parse(`${section.slice('series#'.length)}T00:00:00Z`);
  if (!/^series#\d{4}-\d{2}-\d{2}$/.test(section) || Number.isNaN(dayStart)) {
    errors.push(
      new DecodeError(
        'Section',
        'S series#YYYY-MM-DD',
        section === '' ? describe(item.Section) : JSON.stringify(section.slice(0, 40)),
      ),
    );
    return { value: out, errors };
  }
  for (let h = 0; h < 24; h++) {
    const p = String(h).padStart(2, '0');
    if (!(`v${p}` in item || `b${p}` in item || `n${p}` in item)) continue;
    out.set(dayStart + h * HOUR_MS, {
      views: counter(item, `v${p}`, errors),
      visitors: counter(item, `u${p}`, errors),
      bots: counter(item, `b${p}`, errors),
      engaged: counter(item, `n${p}`, errors),
      durationSum: counter(item, `d${p}`, errors),
      scrollSum: counter(item, `s${p}`, errors),
    });
  }
  return { value: out, errors };
}

/** The distinct-value counts a series item holds (absent counts are 0). */
export function readDistinctCounts(item: Item): ReadResult<Map<TrieDimension, number>> {
  const errors: DecodeError[] = [];
  const out = new Map<TrieDimension, number>();
  for (const dimension of TRIE_DIMENSIONS)
    out.set(dimension, counter(item, distinctAttribute(dimension), errors));
  return { value: out, errors };
}
