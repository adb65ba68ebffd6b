// What a site owner sees: from the aggregates via store's reports, and from the raw views (the truth).
import {
  DIMENSIONS,
  type Dimension,
  engagementOf,
  type HourCounters,
  type PairCount,
  type RawEvent,
  type RawView,
  utcDayKey,
} from '@footfall/core-model';
import {
  buildBreakdown,
  type HourlyCounters,
  readDayCounts,
  readPageHours,
  readSiteHours,
  type Table,
} from '@footfall/store';

/** Site-wide counters per UTC hour, page counters per UTC hour, and every breakdown's rows. */
export interface AggregateReport {
  hours: Record<string, HourCounters>;
  pageHours: Record<string, Record<string, HourCounters>>;
  breakdowns: Record<Dimension, Record<string, PairCount>>;
  /** Custom events per name, and per `<name>\u0001<key>\u0001<value>`: `views` events, `visitors` conversions. */
  events: Record<string, PairCount>;
  props: Record<string, PairCount>;
}

const isZero = (c: HourCounters) => Object.values(c).every((n) => n === 0);
const hourLabel = (ms: number) => new Date(ms).toISOString().slice(0, 13);

function emptyBreakdowns(): Record<Dimension, Record<string, PairCount>> {
  return Object.fromEntries(DIMENSIONS.map((d) => [d, {}])) as Record<Dimension, Record<string, PairCount>>;
}

/** What to read: one site's days (UTC, inclusive) and the pages whose time series to read. */
export interface ReportScope {
  site: string;
  fromDay: string;
  toDay: string;
  paths: readonly string[];
}

/** Every UTC day from `fromDay` to `toDay`, inclusive. */
export function daysFrom(fromDay: string, toDay: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${fromDay}T00:00:00Z`); t <= Date.parse(`${toDay}T00:00:00Z`); t += 86_400_000)
    days.push(utcDayKey(t));
  return days;
}

/** A report that could not be read whole is a failure, not an empty answer. */
function check<T extends { errors: readonly { message: string }[] }>(read: T): T {
  if (read.errors.length > 0) throw new Error(read.errors.map((e) => e.message).join('; '));
  return read;
}

function labelled({ hours }: HourlyCounters): Record<string, HourCounters> {
  const out: Record<string, HourCounters> = {};
  for (const [hour, counters] of [...hours].sort(([a], [b]) => a - b))
    if (!isZero(counters)) out[hourLabel(hour)] = counters;
  return out;
}

/** Reads the report out of a site's aggregates with store's report functions, as api-fn does. */
export async function reportFromTable(table: Table, scope: ReportScope): Promise<AggregateReport> {
  const { site, fromDay, toDay } = scope;
  const days = daysFrom(fromDay, toDay);
  const report: AggregateReport = {
    hours: labelled(check(await readSiteHours(table, site, days))),
    pageHours: {},
    breakdowns: emptyBreakdowns(),
    events: {},
    props: {},
  };
  for (const dimension of ['event', 'prop'] as const) {
    const { counts } = check(await readDayCounts(table, site, dimension, fromDay, toDay));
    for (const row of buildBreakdown(counts, 'page', { limit: Number.MAX_SAFE_INTEGER }).rows)
      report[dimension === 'event' ? 'events' : 'props'][row.value] = {
        views: row.views,
        visitors: row.visitors,
      };
  }
  for (const path of new Set(scope.paths)) {
    const hours = labelled(check(await readPageHours(table, site, path, days)));
    if (Object.keys(hours).length > 0) report.pageHours[path] = hours;
  }
  for (const dimension of DIMENSIONS) {
    const { counts } = check(await readDayCounts(table, site, dimension, fromDay, toDay));
    // No limit that could hide a row, and an `(other)` row (values past the cap) shows up as a value of its own.
    for (const row of buildBreakdown(counts, dimension, { limit: Number.MAX_SAFE_INTEGER }).rows)
      report.breakdowns[dimension][row.value] = { views: row.views, visitors: row.visitors };
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

/**
 * The report SPEC §4 defines, computed straight from the final state of every raw view and the stored events (a
 * conversion: a view with at least one event of that name, or of that prop value; bots' events apart).
 */
export function reportFromViews(
  views: readonly RawView[],
  events: readonly RawEvent[] = [],
): AggregateReport {
  const report: AggregateReport = {
    hours: {},
    pageHours: {},
    breakdowns: emptyBreakdowns(),
    events: {},
    props: {},
  };
  const converted = new Set<string>();
  const count = (into: Record<string, PairCount>, value: string, owner: string) => {
    const row = entry(into, value, () => ({ views: 0, visitors: 0 }));
    row.views++;
    if (!converted.has(`${owner}\u0000${value}`)) row.visitors++;
    converted.add(`${owner}\u0000${value}`);
  };
  for (const e of events) {
    if (e.bot) continue;
    const owner = e.view ?? e.id;
    count(report.events, e.name, owner);
    for (const [k, v] of Object.entries(e.props)) count(report.props, `${e.name}\u0001${k}\u0001${v}`, owner);
  }
  for (const v of [...views].sort((a, b) => a.time - b.time)) {
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
    const engagement = engagementOf(v);
    for (const c of [site, page]) {
      c.views++;
      if (v.unique) c.visitors++;
      if (engagement !== undefined) {
        c.engaged++;
        c.durationSum += engagement.duration;
        c.scrollSum += engagement.scroll;
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
  return {
    site,
    fromDay: utcDayKey(Math.min(...times)),
    toDay: utcDayKey(Math.max(...times)),
    paths: [...new Set(views.filter((v) => v.site === site).map((v) => v.path))],
  };
}

/** What the site owner sees of `views`' site, read from `table`. */
export const reportOf = (table: Table, views: readonly RawView[], site?: string) =>
  reportFromTable(table, scopeOf(views, site));
