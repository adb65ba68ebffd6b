// The original table's data in a neutral form (per UTC day, and hour where kept), folded from its decoded items:
// what `footfall import legacy` would write, and what it read but will not or could not import.
import { arrivedFromOutside, type DecodeError, referrerHost } from '@footfall/core-model';
import type { LegacyCounts, OriginalRecord } from './originalItems';

/** One page's counts of a day, and per UTC hour (0–23) where the original kept hour items for it. */
export interface LegacyPageDay extends LegacyCounts {
  hours?: ReadonlyMap<number, LegacyCounts>;
  /** Visitors of the page (Footfall's rule), known when the day's raw views of the page are all its views. */
  visitors?: number;
  /** Visitors per UTC hour, known when `hours` is and the raw views of each hour are all that hour's views. */
  visitorHours?: ReadonlyMap<number, number>;
}

/** Where a day's site counts came from, best first (`pages`: only page counters survive, so their sum). */
export type LegacyDaySource = 'hours' | 'day' | 'raw views' | 'pages';

/** One UTC day of the original table, at the finest granularity it kept. */
export interface LegacyDay {
  /** `YYYY-MM-DD`, UTC (the original counted UTC days only). */
  day: string;
  /** The site's totals of the day (the sum of `hours` when there are hours). */
  site: LegacyCounts;
  /**
   * The site's counts per UTC hour (0–23), from its `Day-…THH` items (else from the raw views, or the pages' hour
   * items, when those are the day's source and have hours).
   */
  hours?: ReadonlyMap<number, LegacyCounts>;
  source: LegacyDaySource;
  /** Views per page path. */
  pages: ReadonlyMap<string, LegacyPageDay>;
  /** Views per browser, named as the original stored them (spaces as `-`). */
  browsers: ReadonlyMap<string, number>;
  /**
   * Visitors by Footfall's rule for the original embed (no referrer, or one from outside the site), known only
   * when the import names the site and the raw page views of the day account for every view counted.
   */
  visitors?: number;
  /** Views and visitors per referrer host, known under the same conditions as `visitors`. */
  referrers?: ReadonlyMap<string, { views: number; visitors: number }>;
  /**
   * Visitors per UTC hour, known when `visitors` and `hours` are and the raw views of each hour are all that
   * hour's views (the original filed a view's counters under its raw view's own time).
   */
  visitorHours?: ReadonlyMap<number, number>;
}

/** Items read but deliberately not imported, by kind. */
export interface LegacySkipped {
  /** `Week-…` counters of pages, the site and browsers: the day counters again, under week keys. */
  weekCounters: number;
  /** `page-view-week-…` / `page-view-month-…`: sums of the `page-view-day-…` counts. */
  pagePeriodCounts: number;
  /** `page-view-day-…` counts of pages that also have their own day or hour items. */
  pageDayDuplicates: number;
  /** Raw page views, once their day is counted from the counters (they still give visitors and referrers). */
  rawViewsCounted: number;
  /** Dashboard users: Footfall's users are made with `footfall user add`. */
  users: number;
}

/** What `footfall import legacy` read from the original table. */
export interface LegacyImport {
  /** The original table. */
  table: string;
  /** The Footfall site the data belongs to (`--site`); the original held one site and never named it. */
  site: string | undefined;
  /** Every day with data, in order. */
  days: LegacyDay[];
  itemsRead: number;
  rawViews: number;
  skipped: LegacySkipped;
  /** Items that could not be read: how many, and the first few with the reason. */
  unreadable: { count: number; samples: string[] };
  /** Days whose hour items and day item disagree on views (the hours are used). */
  mismatchedDays: string[];
}

/** How many unreadable items are described one by one. */
export const UNREADABLE_SAMPLES = 10;

const zero = (): LegacyCounts => ({ views: 0, durationSum: 0, scrollSum: 0 });
const addInto = (into: LegacyCounts, c: LegacyCounts) => {
  into.views += c.views;
  into.durationSum += c.durationSum;
  into.scrollSum += c.scrollSum;
};
const sumOf = (hours: Iterable<LegacyCounts>): LegacyCounts => {
  const total = zero();
  for (const c of hours) addInto(total, c);
  return total;
};

const sumVisitors = (hours: ReadonlyMap<number, RawHour>) =>
  [...hours.values()].reduce((n, r) => n + r.visitors, 0);

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** What the raw page views of one hour (of the site or of a page) say. */
interface RawHour {
  counts: LegacyCounts;
  visitors: number;
}

/** What the raw page views of one day say. */
interface RawDay {
  counts: LegacyCounts;
  visitors: number;
  hours: Map<number, RawHour>;
  pages: Map<string, LegacyCounts>;
  pageHours: Map<string, Map<number, RawHour>>;
  referrers: Map<string, { views: number; visitors: number }>;
}

const rawHour = (): RawHour => ({ counts: zero(), visitors: 0 });
const countsOf = (hours: ReadonlyMap<number, RawHour>) =>
  new Map([...hours].map(([h, r]) => [h, { ...r.counts }] as const));
const visitorsOf = (hours: ReadonlyMap<number, RawHour>) =>
  new Map([...hours].map(([h, r]) => [h, r.visitors] as const));

/** True when the raw views of every hour are exactly that hour's counted views (so their visitors are its). */
function rawCoversHours(
  counted: ReadonlyMap<number, LegacyCounts>,
  raw: ReadonlyMap<number, RawHour>,
): boolean {
  for (const h of new Set([...counted.keys(), ...raw.keys()]))
    if ((counted.get(h)?.views ?? 0) !== (raw.get(h)?.counts.views ?? 0)) return false;
  return true;
}

/**
 * Folds decoded items of the original table into the neutral form, item by item (a table scan feeds it page by
 * page), then `finish()` applies the precedence: hour items, else the day item, else raw page views.
 * @example const fold = new LegacyFold('analytics', 'example.com'); fold.add(decodeOriginalItem(item), item); fold.finish();
 */
export class LegacyFold {
  private readonly siteHours = new Map<string, Map<number, LegacyCounts>>();
  private readonly siteDays = new Map<string, LegacyCounts>();
  private readonly pageHours = new Map<string, Map<string, Map<number, LegacyCounts>>>();
  private readonly pageDays = new Map<string, Map<string, LegacyCounts>>();
  private readonly pageViewDays = new Map<string, Map<string, number>>();
  private readonly browsers = new Map<string, Map<string, number>>();
  private readonly raw = new Map<string, RawDay>();
  private itemsRead = 0;
  private rawViews = 0;
  private readonly skipped: LegacySkipped = {
    weekCounters: 0,
    pagePeriodCounts: 0,
    pageDayDuplicates: 0,
    rawViewsCounted: 0,
    users: 0,
  };
  private readonly unreadable = { count: 0, samples: [] as string[] };

  constructor(
    private readonly table: string,
    private readonly site: string | undefined,
  ) {}

  /** Adds one item's decoding; an error is counted and, for the first few, described with the item's key. */
  add(decoded: { ok: true; value: OriginalRecord } | { ok: false; error: DecodeError }, key: string): void {
    this.itemsRead++;
    if (!decoded.ok) {
      this.unreadable.count++;
      if (this.unreadable.samples.length < UNREADABLE_SAMPLES)
        this.unreadable.samples.push(`${key}: ${decoded.error.message}`);
      return;
    }
    const r = decoded.value;
    switch (r.kind) {
      case 'hour': {
        const byHour =
          r.path === null
            ? getOr(this.siteHours, r.day, () => new Map())
            : getOr(
                getOr(this.pageHours, r.day, () => new Map()),
                r.path,
                () => new Map(),
              );
        addInto(getOr(byHour, r.hour, zero), r.counts);
        return;
      }
      case 'day': {
        const into =
          r.path === null
            ? getOr(this.siteDays, r.day, zero)
            : getOr(
                getOr(this.pageDays, r.day, () => new Map()),
                r.path,
                zero,
              );
        addInto(into, r.counts);
        return;
      }
      case 'browserDay': {
        const day = getOr(this.browsers, r.day, () => new Map());
        day.set(r.browser, (day.get(r.browser) ?? 0) + r.views);
        return;
      }
      case 'pageDay': {
        const day = getOr(this.pageViewDays, r.day, () => new Map());
        day.set(r.path, (day.get(r.path) ?? 0) + r.views);
        return;
      }
      case 'rawView':
        this.addRawView(r);
        return;
      case 'weekday':
      case 'browserWeekday':
        this.skipped.weekCounters++;
        return;
      case 'pagePeriod':
        this.skipped.pagePeriodCounts++;
        return;
      case 'user':
        this.skipped.users++;
        return;
    }
  }

  private addRawView(r: Extract<OriginalRecord, { kind: 'rawView' }>): void {
    this.rawViews++;
    const day = new Date(r.time).toISOString().slice(0, 10);
    const hour = new Date(r.time).getUTCHours();
    const raw = getOr(this.raw, day, () => ({
      counts: zero(),
      visitors: 0,
      hours: new Map(),
      pages: new Map(),
      pageHours: new Map(),
      referrers: new Map(),
    }));
    const counts = { views: 1, durationSum: r.duration ?? 0, scrollSum: r.scroll ?? 0 };
    addInto(raw.counts, counts);
    // The trigger counted raw views under their path made absolute.
    const path = r.path.startsWith('/') ? r.path : `/${r.path}`;
    addInto(getOr(raw.pages, path, zero), counts);
    const siteHour = getOr(raw.hours, hour, rawHour);
    const pageHour = getOr(
      getOr(raw.pageHours, path, () => new Map()),
      hour,
      rawHour,
    );
    addInto(siteHour.counts, counts);
    addInto(pageHour.counts, counts);
    if (this.site === undefined) return;
    const visitor = arrivedFromOutside(r.referrer, this.site) ? 1 : 0;
    raw.visitors += visitor;
    siteHour.visitors += visitor;
    pageHour.visitors += visitor;
    const host = referrerHost(r.referrer, this.site);
    if (host !== undefined) {
      const row = getOr(raw.referrers, host, () => ({ views: 0, visitors: 0 }));
      row.views++;
      row.visitors += visitor;
    }
  }

  /** The neutral form, days in order. */
  finish(): LegacyImport {
    const allDays = new Set([
      ...this.siteHours.keys(),
      ...this.siteDays.keys(),
      ...this.pageHours.keys(),
      ...this.pageDays.keys(),
      ...this.pageViewDays.keys(),
      ...this.browsers.keys(),
      ...this.raw.keys(),
    ]);
    const days: LegacyDay[] = [];
    const mismatchedDays: string[] = [];
    for (const day of [...allDays].sort()) {
      let hours: ReadonlyMap<number, LegacyCounts> | undefined = this.siteHours.get(day);
      const dayItem = this.siteDays.get(day);
      const raw = this.raw.get(day);
      let site: LegacyCounts | undefined;
      let source: LegacyDaySource = 'pages';
      if (hours !== undefined) {
        site = sumOf(hours.values());
        source = 'hours';
        if (dayItem !== undefined && dayItem.views !== site.views) mismatchedDays.push(day);
      } else if (dayItem !== undefined) {
        site = { ...dayItem };
        source = 'day';
      } else if (raw !== undefined) {
        site = { ...raw.counts };
        hours = countsOf(raw.hours);
        source = 'raw views';
      }
      const pages = this.pagesOf(day, raw, source === 'raw views');
      if (site === undefined) {
        site = sumOf(pages.values());
        // Only page counters survive: the site's hours are theirs when every page has hours.
        if (pages.size > 0 && [...pages.values()].every((p) => p.hours !== undefined)) {
          const byHour = new Map<number, LegacyCounts>();
          for (const p of pages.values())
            for (const [h, c] of p.hours ?? []) addInto(getOr(byHour, h, zero), c);
          hours = byHour;
        }
      }
      if (source !== 'raw views' && raw !== undefined) this.skipped.rawViewsCounted += raw.counts.views;
      const entry: LegacyDay = {
        day,
        site,
        ...(hours ? { hours } : {}),
        source,
        pages,
        browsers: this.browsers.get(day) ?? new Map(),
      };
      // Raw views give visitors only when they are every view the counters saw that day (or that hour).
      if (this.site !== undefined && raw !== undefined && raw.counts.views === site.views) {
        entry.visitors = raw.visitors;
        entry.referrers = raw.referrers;
        if (hours !== undefined && rawCoversHours(hours, raw.hours))
          entry.visitorHours = visitorsOf(raw.hours);
      }
      days.push(entry);
    }
    return {
      table: this.table,
      site: this.site,
      days,
      itemsRead: this.itemsRead,
      rawViews: this.rawViews,
      skipped: { ...this.skipped },
      unreadable: { count: this.unreadable.count, samples: [...this.unreadable.samples] },
      mismatchedDays,
    };
  }

  /**
   * A day's pages: hour items, else day items, else page-view-day counts, else (when they are the day's source,
   * `rawPages`) raw views; with their visitors where the day's raw views of the page are all its views.
   */
  private pagesOf(day: string, raw: RawDay | undefined, rawPages: boolean): Map<string, LegacyPageDay> {
    const pages = new Map<string, LegacyPageDay>();
    for (const [path, hours] of this.pageHours.get(day) ?? [])
      pages.set(path, { ...sumOf(hours.values()), hours });
    for (const [path, counts] of this.pageDays.get(day) ?? [])
      if (!pages.has(path)) pages.set(path, { ...counts });
    for (const [path, views] of this.pageViewDays.get(day) ?? []) {
      if (pages.has(path)) this.skipped.pageDayDuplicates++;
      else pages.set(path, { views, durationSum: 0, scrollSum: 0 });
    }
    if (raw && rawPages)
      for (const [path, counts] of raw.pages)
        if (!pages.has(path))
          pages.set(path, { ...counts, hours: countsOf(raw.pageHours.get(path) ?? new Map()) });
    if (raw === undefined || this.site === undefined) return pages;
    for (const [path, page] of pages) {
      const rawHours = raw.pageHours.get(path);
      if (rawHours === undefined || raw.pages.get(path)?.views !== page.views) continue;
      page.visitors = sumVisitors(rawHours);
      if (page.hours !== undefined && rawCoversHours(page.hours, rawHours))
        page.visitorHours = visitorsOf(rawHours);
    }
    return pages;
  }
}
