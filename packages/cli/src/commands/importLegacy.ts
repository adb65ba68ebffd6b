// `footfall import legacy --from-table NAME --site HOST [--from DAY] [--to DAY] [--dry-run]`: reads the original
// system's table, reports what it holds, and (without --dry-run) writes it as Footfall aggregates, each day once.
import { normaliseSite, parseDay } from '@footfall/core-model';
import type { CliOptions } from '../args';
import type { Target } from '../client';
import { CliError, UsageError } from '../errors';
import type { CliIo } from '../io';
import type { LegacyImport } from '../legacy/legacyImport';
import { readOriginalTable } from '../legacy/readOriginalTable';
import { formatLegacySummary } from '../legacy/summary';
import type { LegacyAggregateWriter } from '../legacy/writeLegacyImport';
import { formatLegacyWriteReport, importProblems } from '../legacy/writeSummary';

export type { LegacyAggregateWriter, LegacyWriteReport } from '../legacy/writeLegacyImport';

/** Where the import reads from and writes to. */
export interface ImportTargets {
  /** The original table (`--from-table`). */
  source: Target;
  /** Footfall's table (`--table` / TABLE_NAME); only the write needs it. */
  footfall: () => Target;
}

/** Progress lines on stderr: one per this many days written. */
const PROGRESS_EVERY = 100;

/** The `--from`/`--to` days, checked. */
function dayOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const d = parseDay(value);
  if (!d.ok) throw new UsageError(`--${name}: ${d.error}.`);
  return value;
}

/** Keeps the days within `--from`/`--to` (inclusive). */
function selectDays(data: LegacyImport, from: string | undefined, to: string | undefined): LegacyImport {
  if (from === undefined && to === undefined) return data;
  return {
    ...data,
    days: data.days.filter((d) => (from === undefined || d.day >= from) && (to === undefined || d.day <= to)),
  };
}

/**
 * Runs the import: reads the original table, prints the summary on stdout, and with `--dry-run` stops there.
 * Otherwise `writer` writes each day once and the report follows; anything that could not be imported makes the
 * command fail (exit 1) after the report, so a script notices.
 * @example await importLegacy(targets, io, options, legacyAggregateWriter());
 */
export async function importLegacy(
  targets: ImportTargets,
  io: CliIo,
  options: CliOptions,
  writer: LegacyAggregateWriter,
): Promise<void> {
  const named = options.site?.trim();
  const site = named ? normaliseSite(named) : undefined;
  if (!options.dryRun && site === undefined)
    throw new UsageError('Name the site the original data belongs to with --site.');
  const from = dayOption('from', options.from);
  const to = dayOption('to', options.to);
  if (from !== undefined && to !== undefined && from > to) throw new UsageError('--from is after --to.');
  const footfall = options.dryRun ? undefined : targets.footfall();
  io.stderr.write(`Reading ${targets.source.tableName}…\n`);
  const all = await readOriginalTable(targets.source.dynamodb, targets.source.tableName, site);
  const data = selectDays(all, from, to);
  io.stdout.write(formatLegacySummary(data));
  const outside = all.days.length - data.days.length;
  if (outside > 0)
    io.stdout.write(
      `\n${outside} more ${outside === 1 ? 'day' : 'days'} with data outside --from/--to ${outside === 1 ? 'is' : 'are'} left alone.\n`,
    );
  if (options.dryRun || footfall === undefined) {
    io.stdout.write('\nDry run: nothing was written.\n');
    return;
  }
  io.stderr.write(`Writing ${data.days.length} days into ${footfall.tableName}…\n`);
  const report = await writer(footfall, data, (_day, index, total) => {
    if ((index + 1) % PROGRESS_EVERY === 0 || index + 1 === total)
      io.stderr.write(`  ${index + 1}/${total} days\n`);
  });
  io.stdout.write(`\n${formatLegacyWriteReport(report, data)}`);
  const problems = importProblems(report, data);
  if (problems.length > 0)
    throw new CliError(
      `import legacy: could not import ${problems.join(', ')} (listed above). Days imported stay imported: ` +
        're-running skips them.',
    );
}
