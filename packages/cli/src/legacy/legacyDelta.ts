// One day of the original table as Footfall counts: the ViewDelta an import writes for it, and what it leaves out.
import {
  hasForbiddenCharacters,
  LIMITS,
  utf8Bytes,
  type ViewCounters,
  ViewDelta,
} from '@footfall/core-model';
import type { LegacyDay } from './legacyImport';
import type { LegacyCounts } from './originalItems';

/** The hour day-only counts are filed under (the source does not say which hour they happened in). */
export const DAY_ONLY_HOUR = 0;

/** Most browser names imported per day: the technology item holds fixed lists, never free text without end. */
export const MAX_BROWSERS_PER_DAY = 64;

/** Something of a day the import does not write, and why. */
export interface LeftOut {
  day: string;
  kind: 'site' | 'page' | 'browser' | 'referrer';
  /** The page path, browser name or referrer host (empty for the site). */
  value: string;
  /** Views of it that are not imported (its views stay in the site's totals unless `kind` is `site`). */
  views: number;
  reason: string;
}

/** What a day becomes. */
export interface LegacyDayDelta {
  delta: ViewDelta;
  /** Views the day adds to the site's series. */
  views: number;
  leftOut: LeftOut[];
  /** True when the day's visitors are not known at the granularity of its views (none are imported then). */
  visitorsUnknown: boolean;
}

/** Why a text value cannot be a Footfall value (the ingest rules of SPEC §3), if so. */
function textProblem(value: string, maxBytes: number): string | undefined {
  if (value === '') return 'empty';
  if (utf8Bytes(value) > maxBytes) return `longer than ${maxBytes} bytes (UTF-8)`;
  if (hasForbiddenCharacters(value)) return 'holds control or bidi characters';
  return undefined;
}

/**
 * Builds a day's delta: the site's hours (or its day, filed under hour 00), each page's hours (or day), its
 * browsers and, where the raw views give them, visitors and referrers. The original's duration and scroll
 * totals averaged over every view, so on a day with any such total every imported view counts as engaged
 * (Footfall's averages then equal the old dashboard's); on a day with none (the Python version kept none), no view
 * does, so those days leave Footfall's averages alone.
 * @example const { delta, leftOut } = legacyDayDelta('example.com', data.days[0]);
 */
export function legacyDayDelta(site: string, d: LegacyDay): LegacyDayDelta {
  const delta = new ViewDelta();
  const leftOut: LeftOut[] = [];
  const engaged = d.site.durationSum > 0 || d.site.scrollSum > 0;
  const counters = (c: LegacyCounts, visitors: number): ViewCounters => ({
    views: BigInt(c.views),
    visitors: BigInt(visitors),
    engaged: engaged ? BigInt(c.views) : 0n,
    durationSum: BigInt(c.durationSum),
    scrollSum: BigInt(c.scrollSum),
  });
  const byHour = (
    hours: ReadonlyMap<number, LegacyCounts> | undefined,
    visitorHours: ReadonlyMap<number, number> | undefined,
    whole: LegacyCounts,
    visitors: number | undefined,
  ): [number, ViewCounters][] =>
    hours === undefined
      ? [[DAY_ONLY_HOUR, counters(whole, visitors ?? 0)]]
      : [...hours].map(([h, c]) => [h, counters(c, visitorHours?.get(h) ?? 0)]);

  const visitorsUnknown = d.visitors === undefined || (d.hours !== undefined && d.visitorHours === undefined);
  for (const [hour, c] of byHour(d.hours, d.visitorHours, d.site, d.visitors)) {
    const added = delta.addSiteCounts(site, d.day, hour, c);
    if (!added.ok)
      leftOut.push({
        day: d.day,
        kind: 'site',
        value: '',
        views: Number(c.views),
        reason: added.error.message,
      });
  }

  for (const [path, page] of d.pages) {
    const problem = path.startsWith('/') ? textProblem(path, LIMITS.path) : 'not a path (no leading /)';
    if (problem) {
      leftOut.push({ day: d.day, kind: 'page', value: path, views: page.views, reason: problem });
      continue;
    }
    for (const [hour, c] of byHour(page.hours, page.visitorHours, page, page.visitors)) {
      const added = delta.addPageCounts(site, d.day, path, hour, c);
      if (!added.ok)
        leftOut.push({
          day: d.day,
          kind: 'page',
          value: path,
          views: Number(c.views),
          reason: added.error.message,
        });
    }
  }

  // The most viewed names first, so a day with too many keeps the ones that matter.
  const browsers = [...d.browsers].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  let kept = 0;
  for (const [name, views] of browsers) {
    const problem =
      textProblem(name, LIMITS.uaName) ??
      (kept >= MAX_BROWSERS_PER_DAY ? `more than ${MAX_BROWSERS_PER_DAY} browser names that day` : undefined);
    const added =
      problem === undefined
        ? delta.addValueCounts(site, d.day, 'browser', name, BigInt(views), 0n)
        : undefined;
    if (added?.ok) kept++;
    else
      leftOut.push({
        day: d.day,
        kind: 'browser',
        value: name,
        views,
        reason: problem ?? added?.error.message ?? '',
      });
  }

  for (const [host, r] of d.referrers ?? []) {
    const problem = textProblem(host, LIMITS.referrer);
    const added =
      problem === undefined
        ? delta.addValueCounts(site, d.day, 'referrer', host, BigInt(r.views), BigInt(r.visitors))
        : undefined;
    if (!added?.ok)
      leftOut.push({
        day: d.day,
        kind: 'referrer',
        value: host,
        views: r.views,
        reason: problem ?? added?.error.message ?? '',
      });
  }
  return { delta, views: d.site.views, leftOut, visitorsUnknown };
}
