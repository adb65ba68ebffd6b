// The `footfall import legacy` report after writing: what this run imported, what was imported before, and every
// day or value that was not imported, with what to do about it.
import type { LegacyImport } from './legacyImport';
import { type DayResultKind, type LegacyWriteReport, needsAttention } from './writeLegacyImport';

const n = (value: number) => value.toLocaleString('en-US');
const plural = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;

/** Days listed one by one per kind; the rest are counted. */
const LISTED = 20;

/** What the operator does about each kind of day that was not imported. */
const ADVICE: Partial<Record<DayResultKind, string>> = {
  'interrupted earlier':
    'its aggregates may hold all, part or none of its counts, so it is not written again. See docs/compat.md ' +
    '("Re-running an import") to check the day and either keep it or remove its marker and re-run.',
  'marker unreadable':
    'something other than Footfall wrote its marker: see docs/compat.md ("Re-running an import").',
  'counted by Footfall':
    'Footfall already counted views of its own that day, so importing it would count them twice: ' +
    'leave it out with --to (or --from).',
  'rolled back': 'nothing of it is written; re-run the import once the cause is fixed.',
  'cut off':
    'the run stopped during this day, which may now hold part of its counts: its marker stays started, so ' +
    'later runs report it as interrupted (docs/compat.md, "Re-running an import").',
  'not marked done':
    'its aggregates are complete but its marker says started: see docs/compat.md ("Re-running an import").',
  'not attempted': 'the run stopped before these days; re-run the import to write them.',
};

/**
 * Renders the write report as plain text lines (after the reading summary).
 * @example io.stdout.write(formatLegacyWriteReport(report, data));
 */
export function formatLegacyWriteReport(report: LegacyWriteReport, data: LegacyImport): string {
  const lines: string[] = [];
  const of = (kind: DayResultKind) => report.days.filter((d) => d.result === kind);
  const views = (days: readonly { views: number }[]) => days.reduce((s, d) => s + d.views, 0);
  const imported = of('imported');
  const before = of('already imported');
  lines.push(`Import into ${report.site} (run ${report.runId}):`);
  lines.push(
    imported.length === 0
      ? '  imported now      no day'
      : `  imported now      ${plural(imported.length, 'day')}, ${imported[0]?.day} to ${imported[imported.length - 1]?.day}: ${plural(views(imported), 'view')}`,
  );
  lines.push(`  imported before   ${plural(before.length, 'day')} (skipped: their markers say done)`);
  const empty = of('nothing to write').length;
  if (empty > 0) lines.push(`  empty             ${plural(empty, 'day')} with no counts`);
  if (report.visitorsUnknownDays > 0)
    lines.push(
      `  visitors          not known on ${plural(report.visitorsUnknownDays, 'imported day')} (no raw page views for ` +
        'every view of the hour): imported without visitors',
    );
  lines.push(
    `  writes            ${n(report.itemsWritten)} aggregate writes, ${n(report.writeUnits)} write units`,
  );

  const kinds = [...new Set(report.days.map((d) => d.result))].filter(needsAttention);
  for (const kind of kinds) {
    const days = of(kind);
    lines.push('', `Not imported, ${kind}: ${plural(days.length, 'day')} (${plural(views(days), 'view')})`);
    const advice = ADVICE[kind];
    if (advice) lines.push(`  ${advice}`);
    for (const d of days.slice(0, LISTED)) lines.push(`  ${d.day}${d.detail ? `  ${d.detail}` : ''}`);
    if (days.length > LISTED) lines.push(`  … and ${n(days.length - LISTED)} more`);
  }
  if (report.leftOut.length > 0) {
    lines.push(
      '',
      `Left out of the imported days: ${plural(report.leftOut.length, 'value')} (their views stay in the site's totals):`,
    );
    for (const l of report.leftOut.slice(0, LISTED))
      lines.push(
        `  ${l.day} ${l.kind}${l.value === '' ? '' : ` ${JSON.stringify(l.value.slice(0, 80))}`}: ${l.reason} (${plural(l.views, 'view')})`,
      );
    if (report.leftOut.length > LISTED) lines.push(`  … and ${n(report.leftOut.length - LISTED)} more`);
  }
  if (report.deadLettered > 0)
    lines.push(
      '',
      `${plural(report.deadLettered, 'write')} refused by DynamoDB for good, kept as dead letters: ` +
        '`footfall dead-letters list`, then `footfall dead-letters replay` once the cause is fixed.',
    );
  if (report.markerErrors.length > 0) {
    lines.push('', `${plural(report.markerErrors.length, 'import marker')} could not be read:`);
    for (const e of report.markerErrors.slice(0, LISTED)) lines.push(`  ${e}`);
  }
  if (data.unreadable.count > 0)
    lines.push(
      '',
      `${plural(data.unreadable.count, 'item')} of the original table could not be read (listed above).`,
    );
  return `${lines.join('\n')}\n`;
}

/** How many things the run could not import, by what they are (empty when everything was imported). */
export function importProblems(report: LegacyWriteReport, data: LegacyImport): string[] {
  const problems: string[] = [];
  const days = report.days.filter((d) => needsAttention(d.result)).length;
  if (days > 0) problems.push(plural(days, 'day'));
  if (report.leftOut.length > 0) problems.push(plural(report.leftOut.length, 'value'));
  if (report.deadLettered > 0) problems.push(plural(report.deadLettered, 'dead-lettered write'));
  if (report.markerErrors.length > 0) problems.push(plural(report.markerErrors.length, 'unreadable marker'));
  if (data.unreadable.count > 0) problems.push(plural(data.unreadable.count, 'unreadable item'));
  return problems;
}
