// What a site owner would see, computed two ways: from the aggregate items (via core-model's readers) and
// from the raw views themselves (the ground truth). Tests compare the two for equality.
import {
  addBreakdownRows,
  type DecodeError,
  DIMENSIONS,
  type Dimension,
  dimsRange,
  type HourCounters,
  hourItemsRange,
  type Item,
  PARTITION_KEY,
  type PairCount,
  pagesRange,
  type RawView,
  readHourItem,
  readSeriesItem,
  type SectionRange,
  SORT_KEY,
  seriesRange,
} from '@footfall/core-model';

/** Site-wide counters per UTC hour, page counters per UTC hour, and every breakdown's rows. */
export interface AggregateReport {
  hours: Record<string, HourCounters>;
  pageHours: Record<string, Record<string, HourCounters>>;
  breakdowns: Record<Dimension, Record<string, PairCount>>;
}

const isZero = (c: HourCounters) => Object.values(c).every((n) => n === 0);
const hourLabel = (ms: number) => new Date(ms).toISOString().slice(0, 13);

function emptyBreakdowns(): Record<Dimension, Record<string, PairCount>> {
  return Object.fromEntries(DIMENSIONS.map((d) => [d, {}])) as Record<Dimension, Record<string, PairCount>>;
}

/** Where aggregate items come from: every item of one section range (a Query, or a filter in memory). */
export type SectionSource = (range: SectionRange) => Promise<Item[]> | Item[];

/** A source over items held in memory, selected the way a Query on the range would select them. */
export const memorySource =
  (items: Item[]): SectionSource =>
  (range) =>
    items.filter((item) => {
      const partition = item[PARTITION_KEY]?.S;
      const section = item[SORT_KEY]?.S;
      return (
        partition === range.partition && section !== undefined && section >= range.from && section <= range.to
      );
    });

/** What to read: one site's days (UTC, inclusive) and the pages to look up in hour items. */
export interface ReportScope {
  site: string;
  fromDay: string;
  toDay: string;
  paths: readonly string[];
}

function check(errors: DecodeError[]): void {
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('; '));
}

/** Reads the report out of a site's aggregate items with core-model's ranges and readers. */
export async function reportFromItems(source: SectionSource, scope: ReportScope): Promise<AggregateReport> {
  const { site, fromDay, toDay } = scope;
  const report: AggregateReport = { hours: {}, pageHours: {}, breakdowns: emptyBreakdowns() };
  for (const item of await source(seriesRange(site, fromDay, toDay))) {
    const series = readSeriesItem(item);
    check(series.errors);
    for (const [hour, counters] of series.value)
      if (!isZero(counters)) report.hours[hourLabel(hour)] = counters;
  }
  for (const path of new Set(scope.paths)) {
    for (const item of await source(hourItemsRange(site, path, `${fromDay}T00`, `${toDay}T23`))) {
      const page = readHourItem(item, path);
      check(page.errors);
      const counters = page.value.counters;
      if (counters === undefined || isZero(counters)) continue;
      entry(report.pageHours, path, (): Record<string, HourCounters> => ({}))[hourLabel(page.value.hour)] =
        counters;
    }
  }
  const breakdownItems = [
    ...(await source(pagesRange(site, fromDay, toDay))),
    ...(await source(dimsRange(site, 'referrer', fromDay, toDay))),
    ...(await source(dimsRange(site, 'browser', fromDay, toDay))),
  ];
  for (const dimension of DIMENSIONS) {
    const rows = new Map<string, PairCount>();
    for (const item of breakdownItems) check(addBreakdownRows(item, dimension, rows));
    for (const [value, pair] of rows)
      if (pair.views !== 0 || pair.visitors !== 0) report.breakdowns[dimension][value] = pair;
  }
  return report;
}

/** The entry of `record` under `key`, created with `make` when missing. */
function entry<T>(record: Record<string, T>, key: string, make: () => T): T {
  const found = record[key];
  if (found !== undefined) return found;
  const made = make();
  record[key] = made;
  return made;
}

const zero = (): HourCounters => ({
  views: 0,
  visitors: 0,
  bots: 0,
  engaged: 0,
  durationSum: 0,
  scrollSum: 0,
});

/** The report SPEC §4 defines, computed straight from the final state of every raw view. */
export function reportFromViews(views: readonly RawView[]): AggregateReport {
  const report: AggregateReport = { hours: {}, pageHours: {}, breakdowns: emptyBreakdowns() };
  for (const v of views) {
    const hour = hourLabel(v.time);
    const site = entry(report.hours, hour, zero);
    if (v.bot) {
      site.bots++;
      continue;
    }
    const page = entry(
      entry(report.pageHours, v.path, (): Record<string, HourCounters> => ({})),
      hour,
      zero,
    );
    for (const c of [site, page]) {
      c.views++;
      if (v.unique) c.visitors++;
      if (v.duration !== undefined) {
        c.engaged++;
        c.durationSum += v.duration;
        c.scrollSum += v.scroll ?? 0;
      }
    }
    const values: Record<Dimension, string | undefined> = {
      page: v.path,
      referrer: v.referrer,
      browser: v.browser,
      os: v.os,
      device: v.device,
      country: v.country,
      utm_source: v.utmSource,
      utm_campaign: v.utmCampaign,
    };
    for (const dimension of DIMENSIONS) {
      const value = values[dimension];
      if (value === undefined || value === '') continue;
      const row = entry(report.breakdowns[dimension], value, () => ({ views: 0, visitors: 0 }));
      row.views++;
      if (v.unique) row.visitors++;
    }
  }
  return report;
}

/** The scope covering `views` of `site` (the first view's site by default). */
export function scopeOf(views: readonly RawView[], site = views[0]?.site ?? ''): ReportScope {
  const times = views.filter((v) => v.site === site).map((v) => v.time);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return {
    site,
    fromDay: day(Math.min(...times)),
    toDay: day(Math.max(...times)),
    paths: [...new Set(views.filter((v) => v.site === site).map((v) => v.path))],
  };
}
