// The `footfall import legacy` summary: what would be imported, what is read but left out on purpose, and what
// could not be read.
import type { LegacyImport } from './legacyImport';

const n = (value: number) => value.toLocaleString('en-US');
const plural = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;

/**
 * Renders the import's summary as plain text lines.
 * @example io.stdout.write(formatLegacySummary(await readOriginalTable(client, table, site)));
 */
export function formatLegacySummary(data: LegacyImport): string {
  const lines: string[] = [];
  lines.push(
    `Original table ${data.table}: ${plural(data.itemsRead, 'item')} read, ${plural(data.rawViews, 'raw page view')}.`,
  );
  lines.push(
    data.site === undefined
      ? 'Site: not named (--site), so visitors and referrers are not derived from the raw page views.'
      : `Site: ${data.site}.`,
  );
  lines.push('');
  const days = data.days;
  const first = days[0]?.day;
  const last = days[days.length - 1]?.day;
  if (first === undefined || last === undefined)
    lines.push('Nothing to import: the table holds no counted views.');
  else {
    const total = { views: 0, durationSum: 0, scrollSum: 0 };
    const bySource = { hours: 0, day: 0, 'raw views': 0, pages: 0 };
    const paths = new Set<string>();
    const browsers = new Set<string>();
    const referrers = new Set<string>();
    let pageDays = 0;
    let pageDaysWithHours = 0;
    let browserDays = 0;
    let visitorDays = 0;
    let visitors = 0;
    for (const d of days) {
      total.views += d.site.views;
      total.durationSum += d.site.durationSum;
      total.scrollSum += d.site.scrollSum;
      bySource[d.source]++;
      for (const [path, page] of d.pages) {
        paths.add(path);
        pageDays++;
        if (page.hours) pageDaysWithHours++;
      }
      for (const name of d.browsers.keys()) browsers.add(name);
      browserDays += d.browsers.size;
      if (d.visitors !== undefined) {
        visitorDays++;
        visitors += d.visitors;
      }
      for (const host of d.referrers?.keys() ?? []) referrers.add(host);
    }
    lines.push(`Would import ${plural(days.length, 'day')}, ${first} to ${last} (UTC days):`);
    lines.push(
      `  views      ${n(total.views)}; totals of duration ${n(total.durationSum)} s and scroll ${n(total.scrollSum)} %`,
    );
    lines.push(
      `  days       ${n(bySource.hours)} from hour counters, ${n(bySource.day)} from day counters only, ` +
        `${n(bySource['raw views'])} from raw page views only, ${n(bySource.pages)} from page counters only`,
    );
    lines.push(
      `  pages      ${plural(paths.size, 'path')} on ${plural(pageDays, 'page-day')} (${n(pageDaysWithHours)} by the hour)`,
    );
    lines.push(`  browsers   ${plural(browsers.size, 'name')} on ${plural(browserDays, 'browser-day')}`);
    lines.push(
      data.site === undefined
        ? '  visitors   not derived (no --site)'
        : `  visitors   ${n(visitors)} on ${plural(visitorDays, 'day')} whose raw page views cover every view; unknown on the other ${n(days.length - visitorDays)}`,
    );
    if (data.site !== undefined) lines.push(`  referrers  ${plural(referrers.size, 'host')} on those days`);
  }
  const s = data.skipped;
  const skipped = [
    [
      s.weekCounters,
      'week counters (Week-…): the day counters again, under week keys that differ between versions',
    ],
    [s.pagePeriodCounts, 'page-view-week/-month counts: sums of the page-view-day counts'],
    [s.pageDayDuplicates, 'page-view-day counts of pages that have their own day or hour counters'],
    [s.rawViewsCounted, 'raw page views of days counted from the counters (used for visitors and referrers)'],
    [s.users, 'users (Path "user"): make Footfall users with `footfall user add`'],
  ] as const;
  if (skipped.some(([count]) => count > 0)) {
    lines.push('', 'Read but not imported:');
    for (const [count, why] of skipped) if (count > 0) lines.push(`  ${n(count)} ${why}`);
  }
  if (data.unreadable.count > 0) {
    lines.push('', `Could not read ${plural(data.unreadable.count, 'item')} (left out):`);
    for (const sample of data.unreadable.samples) lines.push(`  ${sample}`);
    const more = data.unreadable.count - data.unreadable.samples.length;
    if (more > 0) lines.push(`  … and ${n(more)} more`);
  }
  if (data.mismatchedDays.length > 0) {
    lines.push(
      '',
      `${plural(data.mismatchedDays.length, 'day')} where the hour counters and the day counter disagree (hour counters used): ` +
        `${data.mismatchedDays.slice(0, 10).join(', ')}${data.mismatchedDays.length > 10 ? ', …' : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
