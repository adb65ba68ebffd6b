// `footfall export --site --from --to`: the API's CSV export, read straight from the table.
import { normaliseSite, parseDayRange } from '@footfall/core-model';
import { exportSiteCsv } from '@footfall/store';
import type { CliOptions } from '../args';
import type { Target } from '../client';
import { UsageError } from '../errors';
import type { CliIo } from '../io';

/** Prints daily views per page of a site as CSV (the same builder as GET /api/stats/export). */
export async function exportCsv(target: Target, io: CliIo, options: CliOptions): Promise<void> {
  const named = options.site?.trim();
  if (!named) throw new UsageError('Name the site with --site.');
  const site = normaliseSite(named);
  const range = parseDayRange(options.from, options.to);
  if (!range.ok) throw new UsageError(range.error.message);
  const out = await exportSiteCsv(target, site, range.value);
  for (const e of out.errors.slice(0, 3)) io.stderr.write(`Skipped an unreadable counter: ${e.message}\n`);
  io.stdout.write(out.csv);
  io.stderr.write(`${out.rows} rows, ${out.readUnits} read units.\n`);
}
