// The write half of `footfall import legacy`: every day of the original's data written once, under its marker,
// by store's aggregate writer; days already imported are skipped, interrupted ones reported, never guessed at.
import { randomUUID } from 'node:crypto';
import { utcDayKey } from '@footfall/core-model';
import {
  describeError,
  type ImportDayOutcome,
  importDay,
  readImportMarkers,
  readSiteHours,
  type Table,
  TrieKnowledge,
} from '@footfall/store';
import type { Target } from '../client';
import { CliError } from '../errors';
import { type LeftOut, legacyDayDelta } from './legacyDelta';
import type { LegacyImport } from './legacyImport';

/** How one day of the import ended. */
export type DayResultKind =
  /** Written in this run, and marked done. */
  | 'imported'
  /** Marked done by an earlier run: skipped, so a rerun changes nothing. */
  | 'already imported'
  /** Claimed by an earlier run that did not finish it: it may hold part of its counts, so it is not written again. */
  | 'interrupted earlier'
  /** Its marker could not be read: not written. */
  | 'marker unreadable'
  /** Footfall counted views of its own that day (run side by side, or the switch-over day): not written. */
  | 'counted by Footfall'
  /** No counts at all. */
  | 'nothing to write'
  /** A fault stopped the day's writes and every one was taken back. */
  | 'rolled back'
  /** The run stopped in the middle of the day: part of its counts may be written; its marker stays started. */
  | 'cut off'
  /** Every aggregate was written but the marker could not be marked done: later runs report it as interrupted. */
  | 'not marked done'
  /** After a day that stopped the run. */
  | 'not attempted';

/** One day's result. */
export interface DayResult {
  day: string;
  /** Views the original counted that day. */
  views: number;
  result: DayResultKind;
  detail?: string;
}

/** What writing an import did. */
export interface LegacyWriteReport {
  site: string;
  /** This run's id, in the markers it wrote. */
  runId: string;
  days: DayResult[];
  /** Values of the days written in this run that were not imported (text Footfall refuses, counts too large). */
  leftOut: LeftOut[];
  /** Days written in this run whose visitors could not be known (none imported for them). */
  visitorsUnknownDays: number;
  /** Writes DynamoDB refused for good, kept as dead letters (`footfall dead-letters list|replay`). */
  deadLettered: number;
  /** Aggregate writes that landed, and their write units. */
  itemsWritten: number;
  writeUnits: number;
  /** Import markers in the range that could not be decoded. */
  markerErrors: string[];
}

/** Results that need the operator: everything but a day written now, one written before, or an empty one. */
export const needsAttention = (r: DayResultKind): boolean =>
  r !== 'imported' && r !== 'already imported' && r !== 'nothing to write';

/** Options of the writer (tests give a clock, a run id, or a table client with faults). */
export interface LegacyWriteOptions {
  runId?: string;
  now?: () => number;
  /** Called after each day, for progress lines. */
  onDay?: (result: DayResult, index: number, total: number) => void;
}

/** Footfall's own views and bots per UTC day over the days of the import (one Query of the series items). */
async function footfallViews(
  table: Table,
  site: string,
  days: readonly string[],
): Promise<Map<string, number>> {
  const { hours } = await readSiteHours(table, site, days);
  const out = new Map<string, number>();
  for (const [start, c] of hours) {
    const day = utcDayKey(start);
    out.set(day, (out.get(day) ?? 0) + c.views + c.bots);
  }
  return out;
}

/** A day's result from what importDay did; `stop` when the run must not go on. */
function resultOf(outcome: ImportDayOutcome): { result: DayResultKind; detail?: string; stop: boolean } {
  switch (outcome.status) {
    case 'imported':
      if (!outcome.markedDone)
        return {
          result: 'not marked done',
          detail: `every aggregate was written, but the marker could not be marked done (${outcome.markError ?? 'unknown'})`,
          stop: true,
        };
      return outcome.setAside.length > 0
        ? {
            result: 'imported',
            detail: `${outcome.setAside.length} writes set aside as dead letters (footfall dead-letters list)`,
            stop: false,
          }
        : { result: 'imported', stop: false };
    case 'already-claimed': {
      const m = outcome.marker;
      if (m === undefined)
        return { result: 'marker unreadable', detail: outcome.error?.message ?? 'unknown', stop: false };
      if (m.state === 'done') return { result: 'already imported', stop: false };
      return {
        result: 'interrupted earlier',
        detail: `run ${m.runId} started it at ${new Date(m.startedAt).toISOString()} and did not finish`,
        stop: false,
      };
    }
    case 'rolled-back':
      return {
        result: 'rolled back',
        detail: outcome.released
          ? `${outcome.cause}; nothing of it is written, a rerun imports it`
          : `${outcome.cause}; nothing of it is written, but its marker could not be removed (${outcome.releaseError ?? 'unknown'})`,
        stop: true,
      };
    case 'interrupted':
      return {
        result: 'cut off',
        detail: `${outcome.cause}; ${outcome.unreverted.length} writes could not be taken back`,
        stop: true,
      };
  }
}

/**
 * Writes the import's days in order. A day with a marker is never written again (done: skipped; started:
 * reported); a day Footfall already counted views of is left out; the first day that does not finish cleanly
 * stops the run, and the days after it are reported as not attempted.
 * @example const report = await writeLegacyImport({ dynamodb, tableName }, await readOriginalTable(…), {});
 */
export async function writeLegacyImport(
  table: Table,
  data: LegacyImport,
  options: LegacyWriteOptions = {},
): Promise<LegacyWriteReport> {
  const site = data.site;
  if (site === undefined)
    throw new CliError('import legacy: name the site the original data belongs to (--site).');
  const runId = options.runId ?? randomUUID();
  const report: LegacyWriteReport = {
    site,
    runId,
    days: [],
    leftOut: [],
    visitorsUnknownDays: 0,
    deadLettered: 0,
    itemsWritten: 0,
    writeUnits: 0,
    markerErrors: [],
  };
  const days = data.days;
  const first = days[0]?.day;
  const last = days[days.length - 1]?.day;
  if (first === undefined || last === undefined) return report;

  const { markers, errors } = await readImportMarkers(table, site, 'legacy', first, last);
  report.markerErrors = errors.map((e) => e.message);
  const live = await footfallViews(
    table,
    site,
    days.map((d) => d.day),
  );
  const knowledge = new TrieKnowledge();
  let stopped = false;
  for (const [index, d] of days.entries()) {
    const done = (result: DayResultKind, detail?: string) => {
      const r: DayResult = { day: d.day, views: d.site.views, result, ...(detail ? { detail } : {}) };
      report.days.push(r);
      options.onDay?.(r, index, days.length);
    };
    if (stopped) {
      done('not attempted');
      continue;
    }
    const marker = markers.get(d.day);
    if (marker?.state === 'done') {
      done('already imported');
      continue;
    }
    if (marker?.state === 'started') {
      done('interrupted earlier', resultOf({ status: 'already-claimed', marker }).detail);
      continue;
    }
    const footfall = live.get(d.day) ?? 0;
    if (footfall > 0) {
      done(
        'counted by Footfall',
        `Footfall has ${footfall} ${footfall === 1 ? 'view' : 'views'} of its own that day`,
      );
      continue;
    }
    const built = legacyDayDelta(site, d);
    if (built.delta.isEmpty) {
      done('nothing to write');
      continue;
    }
    let outcome: ImportDayOutcome;
    try {
      outcome = await importDay(
        table,
        {
          site,
          source: 'legacy',
          day: d.day,
          runId,
          from: data.table,
          views: built.views,
          delta: built.delta,
        },
        { knowledge, ...(options.now ? { now: options.now } : {}) },
      );
    } catch (error) {
      // The claim itself failed (or its answer was lost): the day has no marker, or this run's started one.
      done('cut off', describeError(error));
      stopped = true;
      continue;
    }
    if (
      outcome.status === 'imported' ||
      outcome.status === 'rolled-back' ||
      outcome.status === 'interrupted'
    ) {
      report.itemsWritten += outcome.stats.itemsWritten;
      report.writeUnits += outcome.stats.writeUnits;
    }
    if (outcome.status === 'imported') {
      report.deadLettered += outcome.stats.deadLettered;
      report.leftOut.push(...built.leftOut);
      if (built.visitorsUnknown) report.visitorsUnknownDays++;
    }
    const r = resultOf(outcome);
    done(r.result, r.detail);
    stopped = r.stop;
  }
  return report;
}

/**
 * The write half of the import as the command calls it: Footfall aggregates for every day of `data` into
 * `target`, each day once (`onDay` hears of each day as it ends).
 */
export type LegacyAggregateWriter = (
  target: Target,
  data: LegacyImport,
  onDay?: LegacyWriteOptions['onDay'],
) => Promise<LegacyWriteReport>;

/**
 * The writer `footfall import legacy` uses: writeLegacyImport on the target's client and table.
 * @example await importLegacy(targets, io, options, legacyAggregateWriter());
 */
export const legacyAggregateWriter =
  (options: LegacyWriteOptions = {}): LegacyAggregateWriter =>
  (target, data, onDay) =>
    writeLegacyImport(target, data, {
      ...options,
      ...(onDay ? { onDay } : {}),
    });
