// What stored views count towards, folded per site and UTC day: the one delta a stream batch turns into.

import { err, ok, type Result } from '@footfall/kernel';
import type { RawEvent } from './customEvents';
import { DecodeError } from './errors';
import type { RawView } from './layout';
import {
  addCounters,
  isZeroCounters,
  PAIR_RADIX,
  packPair,
  unpackPair,
  type ViewCounters,
  zeroCounters,
} from './packing';
import { realtimeMinute } from './realtime';
import { BOT_EVENTS_ATTRIBUTE, type SeriesCounter, seriesAttribute } from './series';
import { TECH_DIMENSIONS, type TechDimension, techAttribute } from './techDims';
import { parseDay, utcDayKey, utcHour } from './time';
import { conversionEntryValue, propValue, type TrieDimension } from './valueTrie';

/** What a batch adds to one trie value: for pages per UTC hour, for other dimensions views and visitors. */
export interface ValueDelta {
  /** Pages: counters per UTC hour (0–23). */
  hours: Map<number, ViewCounters>;
  /** Other dimensions: views and visitors of the day. */
  views: bigint;
  visitors: bigint;
}

/** Everything a batch adds to one site's aggregates of one UTC day. */
export interface DayDelta {
  site: string;
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  /** Series attribute (`v07`, `b13`, …) → delta. */
  series: Map<string, bigint>;
  /** `dims#t` attribute (`b:Firefox`, …) → packed pair delta. */
  tech: Map<string, bigint>;
  /** Trie dimension → value → delta. */
  values: Map<TrieDimension, Map<string, ValueDelta>>;
  /**
   * Conversion registry value (a `conversion` trie value) → what it converts when its registry entry turns out to
   * be new: an event name's hour entry, or a prop value's pair (SPEC §4: a view converts at most once).
   */
  conversions: Map<string, ConversionTarget>;
}

/** What one registry entry converts: the `event` name (at a UTC hour) or the `prop` value it stands for. */
export interface ConversionTarget {
  dimension: 'event' | 'prop';
  value: string;
  /** UTC hour of the earliest such event in the batch (an event name's conversions are kept per hour). */
  hour: number;
}

/** What a batch adds to one site's realtime item of one clock minute (recent views only). */
export interface MinuteDelta {
  site: string;
  /** `YYYY-MM-DDTHH:MM` (UTC). */
  minute: string;
  views: bigint;
  visitors: bigint;
  pages: Map<string, { views: bigint; visitors: bigint }>;
  referrers: Map<string, { views: bigint; visitors: bigint }>;
}

/** Options of a ViewDelta. */
export interface ViewDeltaOptions {
  /** Views at or after this instant (epoch ms) also count in their minute's realtime item. */
  realtimeSince?: number;
}

/** A view's engagement as counted: the largest values reported, whatever their order (SPEC §3). */
export interface Engagement {
  duration: number;
  scroll: number;
}

/** The dimensions whose imported counts are one value's views and visitors of a day (pages come by the hour). */
export type PairDimension = TechDimension | Exclude<TrieDimension, 'page'>;

/**
 * The most one page-hour may receive from an import: a quarter of each part's range in its packed number
 * (packing.ts), so the live views that may follow on the same entry can never carry a part past its range.
 */
const IMPORTED_PAGE_HOUR_MAX: ViewCounters = {
  views: 250_000n,
  visitors: 250_000n,
  engaged: 250_000n,
  scrollSum: 25_000_000n,
  durationSum: 2_500_000_000n,
};

/** The most views (and visitors) one value's pair may receive from an import: a quarter of the visitors' range. */
const IMPORTED_PAIR_MAX = PAIR_RADIX / 4n;

const COUNTER_NAMES = ['views', 'visitors', 'engaged', 'durationSum', 'scrollSum'] as const;

/** Why imported counts of one place cannot be counts at all (negative, more visitors than views, …), if so. */
function countsProblem(day: string, hour: number, c: ViewCounters): DecodeError | undefined {
  const d = parseDay(day);
  if (!d.ok) return new DecodeError('day', 'a UTC day as YYYY-MM-DD', JSON.stringify(day.slice(0, 20)));
  if (!Number.isInteger(hour) || hour < 0 || hour > 23)
    return new DecodeError('hour', 'a UTC hour 0–23', String(hour));
  for (const name of COUNTER_NAMES)
    if (c[name] < 0n) return new DecodeError(name, 'a count ≥ 0', c[name].toString());
  if (c.visitors > c.views)
    return new DecodeError('visitors', `at most views (${c.views})`, c.visitors.toString());
  if (c.engaged > c.views)
    return new DecodeError('engaged', `at most views (${c.views})`, c.engaged.toString());
  return undefined;
}

const dayId = (site: string, day: string) => `${site}\u0000${day}`;

const isTech = (d: PairDimension): d is TechDimension => (TECH_DIMENSIONS as readonly string[]).includes(d);

function bump(map: Map<string, bigint>, key: string, delta: bigint): void {
  if (delta === 0n) return;
  const next = (map.get(key) ?? 0n) + delta;
  if (next === 0n) map.delete(key);
  else map.set(key, next);
}

/**
 * The coalesced aggregate changes of a batch of stream records. Every delta it holds is non-negative: a new
 * view adds its counts, and a view whose engagement grows adds only the growth (the larger duration and
 * scroll win, so an older report arriving late changes nothing).
 */
export class ViewDelta {
  private readonly byDay = new Map<string, DayDelta>();
  private readonly byMinute = new Map<string, MinuteDelta>();

  constructor(private readonly options: ViewDeltaOptions = {}) {}

  private minuteOf(site: string, minute: string): MinuteDelta {
    const id = `${site}\u0000${minute}`;
    let m = this.byMinute.get(id);
    if (!m) {
      m = { site, minute, views: 0n, visitors: 0n, pages: new Map(), referrers: new Map() };
      this.byMinute.set(id, m);
    }
    return m;
  }

  /** Counts a recent view in its minute's realtime item. */
  private addRealtime(view: RawView, unique: bigint): void {
    const m = this.minuteOf(view.site, realtimeMinute(view.time));
    m.views += 1n;
    m.visitors += unique;
    const bumpValue = (into: Map<string, { views: bigint; visitors: bigint }>, value: string) => {
      const c = into.get(value) ?? { views: 0n, visitors: 0n };
      c.views += 1n;
      c.visitors += unique;
      into.set(value, c);
    };
    bumpValue(m.pages, view.path);
    if (view.referrer) bumpValue(m.referrers, view.referrer);
  }

  private dayOf(site: string, day: string): DayDelta {
    const id = dayId(site, day);
    let d = this.byDay.get(id);
    if (!d) {
      d = { site, day, series: new Map(), tech: new Map(), values: new Map(), conversions: new Map() };
      this.byDay.set(id, d);
    }
    return d;
  }

  private addValue(d: DayDelta, dimension: TrieDimension, value: string, f: (v: ValueDelta) => void): void {
    let values = d.values.get(dimension);
    if (!values) {
      values = new Map();
      d.values.set(dimension, values);
    }
    let v = values.get(value);
    if (!v) {
      v = { hours: new Map(), views: 0n, visitors: 0n };
      values.set(value, v);
    }
    f(v);
  }

  /** Counts a view that was not counted before, with the engagement it carries (if any). */
  addView(view: RawView, engagement: Engagement | undefined): void {
    const d = this.dayOf(view.site, utcDayKey(view.time));
    const hour = utcHour(view.time);
    const s = (counter: SeriesCounter, delta: bigint) =>
      bump(d.series, seriesAttribute(counter, hour), delta);
    if (view.bot) {
      s('b', 1n);
      return;
    }
    const unique = view.unique ? 1n : 0n;
    s('v', 1n);
    s('u', unique);
    if (this.options.realtimeSince !== undefined && view.time >= this.options.realtimeSince)
      this.addRealtime(view, unique);
    const counters: ViewCounters = { ...zeroCounters(), views: 1n, visitors: unique };
    if (engagement) {
      s('n', 1n);
      s('d', BigInt(engagement.duration));
      s('s', BigInt(engagement.scroll));
      counters.engaged = 1n;
      counters.durationSum = BigInt(engagement.duration);
      counters.scrollSum = BigInt(engagement.scroll);
    }
    this.addPageHour(d, view.path, hour, counters);
    const pair = packPair(1n, unique);
    const tech: [TechDimension, string | undefined][] = [
      ['browser', view.browser],
      ['os', view.os],
      ['device', view.device],
      ['country', view.country],
    ];
    for (const [dimension, value] of tech) if (value) bump(d.tech, techAttribute(dimension, value), pair);
    const sources: [TrieDimension, string | undefined][] = [
      ['referrer', view.referrer],
      ['utm_source', view.utmSource],
      ['utm_campaign', view.utmCampaign],
    ];
    for (const [dimension, value] of sources)
      if (value)
        this.addValue(d, dimension, value, (v) => {
          v.views += 1n;
          v.visitors += unique;
        });
  }

  /**
   * Counts a custom event: its name's events in its UTC hour, each prop value's events, and one registry count per
   * (view, name) and (view, name, prop) so the writer can tell which of them convert for the first time. An event
   * without a view is its own conversion. A bot's event only adds to the day's bot events.
   * @example delta.addEvent(decodedEvent)
   */
  addEvent(event: RawEvent): void {
    const d = this.dayOf(event.site, utcDayKey(event.time));
    if (event.bot) {
      bump(d.series, BOT_EVENTS_ATTRIBUTE, 1n);
      return;
    }
    const hour = utcHour(event.time);
    const owner = event.view ?? event.id;
    this.addValue(d, 'event', event.name, (v) => {
      const cur = v.hours.get(hour);
      if (cur) cur.views += 1n;
      else v.hours.set(hour, { ...zeroCounters(), views: 1n });
    });
    this.addRegistry(d, conversionEntryValue(owner, event.name), {
      dimension: 'event',
      value: event.name,
      hour,
    });
    for (const [key, value] of Object.entries(event.props)) {
      const prop = propValue(event.name, key, value);
      this.addValue(d, 'prop', prop, (v) => {
        v.views += 1n;
      });
      this.addRegistry(d, conversionEntryValue(owner, event.name, { key, value }), {
        dimension: 'prop',
        value: prop,
        hour,
      });
    }
  }

  private addRegistry(d: DayDelta, entry: string, target: ConversionTarget): void {
    this.addValue(d, 'conversion', entry, (v) => {
      v.views += 1n;
    });
    const cur = d.conversions.get(entry);
    if (!cur || target.hour < cur.hour) d.conversions.set(entry, target);
  }

  /** Counts engagement growing on a view already counted (from `before` to `after`, both already maxed). */
  addEngagementGrowth(view: RawView, before: Engagement | undefined, after: Engagement): void {
    if (view.bot) return;
    const engaged = before === undefined ? 1n : 0n;
    const duration = BigInt(after.duration - (before?.duration ?? 0));
    const scroll = BigInt(after.scroll - (before?.scroll ?? 0));
    if (engaged === 0n && duration === 0n && scroll === 0n) return;
    const d = this.dayOf(view.site, utcDayKey(view.time));
    const hour = utcHour(view.time);
    bump(d.series, seriesAttribute('n', hour), engaged);
    bump(d.series, seriesAttribute('d', hour), duration);
    bump(d.series, seriesAttribute('s', hour), scroll);
    this.addPageHour(d, view.path, hour, {
      ...zeroCounters(),
      engaged,
      durationSum: duration,
      scrollSum: scroll,
    });
  }

  private addPageHour(d: DayDelta, path: string, hour: number, counters: ViewCounters): void {
    this.addValue(d, 'page', path, (v) => {
      const cur = v.hours.get(hour);
      if (cur) addCounters(cur, counters);
      else v.hours.set(hour, { ...counters });
    });
  }

  /**
   * Adds counts imported from another system's counters (not views) to a site's UTC hour: its series counters
   * (views, visitors, engaged views, duration and scroll sums). Refused, adding nothing, when they cannot be
   * counts (a negative part, more visitors or engaged views than views, a day or hour that does not exist).
   * @example delta.addSiteCounts('example.com', '2022-06-20', 9, { ...zeroCounters(), views: 3n, visitors: 2n })
   */
  addSiteCounts(site: string, day: string, hour: number, counts: ViewCounters): Result<void, DecodeError> {
    const problem = countsProblem(day, hour, counts);
    if (problem) return err(problem);
    const d = this.dayOf(site, day);
    const s = (counter: SeriesCounter, delta: bigint) =>
      bump(d.series, seriesAttribute(counter, hour), delta);
    s('v', counts.views);
    s('u', counts.visitors);
    s('n', counts.engaged);
    s('d', counts.durationSum);
    s('s', counts.scrollSum);
    return ok(undefined);
  }

  /**
   * Adds counts imported for one page's UTC hour (its page-hour entry). Refused, adding nothing, when they
   * cannot be counts or when the hour would receive more than a quarter of any packed part's range.
   * @example delta.addPageCounts('example.com', '2022-06-20', '/blog/', 9, { ...zeroCounters(), views: 2n })
   */
  addPageCounts(
    site: string,
    day: string,
    path: string,
    hour: number,
    counts: ViewCounters,
  ): Result<void, DecodeError> {
    const problem = countsProblem(day, hour, counts);
    if (problem) return err(problem);
    const sum = zeroCounters();
    const held = this.byDay.get(dayId(site, day))?.values.get('page')?.get(path)?.hours.get(hour);
    if (held) addCounters(sum, held);
    addCounters(sum, counts);
    for (const name of COUNTER_NAMES)
      if (sum[name] > IMPORTED_PAGE_HOUR_MAX[name])
        return err(
          new DecodeError(
            name,
            `at most ${IMPORTED_PAGE_HOUR_MAX[name]} in one page-hour`,
            sum[name].toString(),
          ),
        );
    this.addPageHour(this.dayOf(site, day), path, hour, counts);
    return ok(undefined);
  }

  /**
   * Adds imported views and visitors of one value of a UTC day: a browser, OS, device or country, or a referrer
   * or UTM value. Refused, adding nothing, when they cannot be counts or the value would pass a quarter of the
   * pair's range.
   * @example delta.addValueCounts('example.com', '2022-06-20', 'browser', 'Firefox', 3n, 0n)
   */
  addValueCounts(
    site: string,
    day: string,
    dimension: PairDimension,
    value: string,
    views: bigint,
    visitors: bigint,
  ): Result<void, DecodeError> {
    const problem = countsProblem(day, 0, { ...zeroCounters(), views, visitors });
    if (problem) return err(problem);
    const held = this.byDay.get(dayId(site, day));
    const before = isTech(dimension)
      ? BigInt(unpackPair(held?.tech.get(techAttribute(dimension, value)) ?? 0n)?.views ?? 0)
      : (held?.values.get(dimension)?.get(value)?.views ?? 0n);
    if (before + views > IMPORTED_PAIR_MAX)
      return err(
        new DecodeError('views', `at most ${IMPORTED_PAIR_MAX} for one value`, (before + views).toString()),
      );
    const d = this.dayOf(site, day);
    if (isTech(dimension)) bump(d.tech, techAttribute(dimension, value), packPair(views, visitors));
    else
      this.addValue(d, dimension, value, (v) => {
        v.views += views;
        v.visitors += visitors;
      });
    return ok(undefined);
  }

  /**
   * Records a stored view changing from `before` (absent: not counted yet) to `after`. The engagement counted
   * is the largest ever reported, so `after` smaller than `before` adds nothing.
   * @example delta.addChange(undefined, view) // a new view
   */
  addChange(before: RawView | undefined, after: RawView): void {
    const now = engagementOf(after);
    if (before === undefined) {
      this.addView(after, now);
      return;
    }
    const was = engagementOf(before);
    if (now === undefined) return;
    const grown =
      was === undefined
        ? now
        : { duration: Math.max(was.duration, now.duration), scroll: Math.max(was.scroll, now.scroll) };
    this.addEngagementGrowth(after, was, grown);
  }

  /** Adds everything another delta holds. */
  merge(other: ViewDelta): void {
    for (const o of other.byMinute.values()) {
      const m = this.minuteOf(o.site, o.minute);
      m.views += o.views;
      m.visitors += o.visitors;
      for (const [into, from] of [
        [m.pages, o.pages],
        [m.referrers, o.referrers],
      ] as const)
        for (const [value, c] of from) {
          const cur = into.get(value) ?? { views: 0n, visitors: 0n };
          cur.views += c.views;
          cur.visitors += c.visitors;
          into.set(value, cur);
        }
    }
    for (const o of other.byDay.values()) {
      const d = this.dayOf(o.site, o.day);
      for (const [k, v] of o.series) bump(d.series, k, v);
      for (const [k, v] of o.tech) bump(d.tech, k, v);
      for (const [entry, target] of o.conversions) {
        const cur = d.conversions.get(entry);
        if (!cur || target.hour < cur.hour) d.conversions.set(entry, target);
      }
      for (const [dimension, values] of o.values)
        for (const [value, ov] of values)
          this.addValue(d, dimension, value, (v) => {
            v.views += ov.views;
            v.visitors += ov.visitors;
            for (const [h, c] of ov.hours) {
              const cur = v.hours.get(h);
              if (cur) addCounters(cur, c);
              else v.hours.set(h, { ...c });
            }
          });
    }
  }

  /** The days with something to write. */
  days(): DayDelta[] {
    const out: DayDelta[] = [];
    for (const d of this.byDay.values()) {
      for (const values of d.values.values())
        for (const [value, v] of values) {
          for (const [h, c] of v.hours) if (isZeroCounters(c)) v.hours.delete(h);
          if (v.hours.size === 0 && v.views === 0n && v.visitors === 0n) values.delete(value);
        }
      for (const [dimension, values] of d.values) if (values.size === 0) d.values.delete(dimension);
      if (d.series.size > 0 || d.tech.size > 0 || d.values.size > 0) out.push(d);
    }
    return out;
  }

  /** The realtime items the batch adds to. */
  minutes(): MinuteDelta[] {
    return [...this.byMinute.values()].filter((m) => m.views !== 0n);
  }

  /** True when the batch changes nothing. */
  get isEmpty(): boolean {
    return this.days().length === 0;
  }
}

/** A stored view's engagement, if it reported any (a missing scroll counts as 0 %). */
export function engagementOf(v: RawView): Engagement | undefined {
  if (v.duration === undefined && v.scroll === undefined) return undefined;
  return { duration: v.duration ?? 0, scroll: v.scroll ?? 0 };
}
