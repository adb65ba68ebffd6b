// `footfall import legacy --from-table NAME [--site HOST] [--dry-run]`: reads the original system's table and
// reports what would become Footfall aggregates. Writing them is the next step (LegacyAggregateWriter).
import { normaliseSite } from '@footfall/core-model';
import type { CliOptions } from '../args';
import type { Target } from '../client';
import { CliError, UsageError } from '../errors';
import type { CliIo } from '../io';
import type { LegacyImport } from '../legacy/legacyImport';
import { readOriginalTable } from '../legacy/readOriginalTable';
import { formatLegacySummary } from '../legacy/summary';

/** What writing an import did. */
export interface LegacyWriteReport {
  itemsWritten: number;
  writeUnits: number;
}

/**
 * The write half of the import: Footfall aggregates for every day of `data` into `target`, at the finest
 * granularity it holds, idempotently (a second run changes nothing). Not part of this build yet: it depends on
 * the aggregate layout being rewritten.
 */
export type LegacyAggregateWriter = (target: Target, data: LegacyImport) => Promise<LegacyWriteReport>;

/** Where the import reads from and writes to. */
export interface ImportTargets {
  /** The original table (`--from-table`). */
  source: Target;
  /** Footfall's table (`--table` / TABLE_NAME); only the write needs it. */
  footfall: () => Target;
}

/**
 * Runs the import: reads the original table, prints the summary on stdout, and with `--dry-run` stops there.
 * Without it, `writer` writes the aggregates; with no writer the command says so before reading anything.
 * @example await importLegacy(targets, io, options, undefined);
 */
export async function importLegacy(
  targets: ImportTargets,
  io: CliIo,
  options: CliOptions,
  writer: LegacyAggregateWriter | undefined,
): Promise<void> {
  const named = options.site?.trim();
  const site = named ? normaliseSite(named) : undefined;
  if (!options.dryRun && writer === undefined)
    throw new CliError(
      'import legacy: writing Footfall aggregates is not implemented yet in this build (the aggregate layout ' +
        'is being rewritten); nothing was read or written. Run with --dry-run to see what would be imported.',
    );
  if (!options.dryRun && site === undefined)
    throw new UsageError('Name the site the original data belongs to with --site.');
  const footfall = options.dryRun ? undefined : targets.footfall();
  io.stderr.write(`Reading ${targets.source.tableName}…\n`);
  const data = await readOriginalTable(targets.source.dynamodb, targets.source.tableName, site);
  io.stdout.write(formatLegacySummary(data));
  if (options.dryRun || writer === undefined || footfall === undefined) {
    io.stdout.write('\nDry run: nothing was written.\n');
    return;
  }
  const report = await writer(footfall, data);
  io.stdout.write(`\nWrote ${report.itemsWritten} aggregate items (${report.writeUnits} write units).\n`);
}
