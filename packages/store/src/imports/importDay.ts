// Writes one imported day at most once: its marker claimed first, its aggregates written by the trigger's own
// writer (all or nothing), the marker marked done after. A day whose marker exists is never written again.
import type { DecodeError, ImportMarker, ImportSource, ViewDelta } from '@footfall/core-model';
import { type AggregateOptions, aggregate } from '../aggregates/aggregate';
import type { AggregateStats, SetAside } from '../aggregates/applyViewDelta';
import type { Unreverted } from '../aggregates/WriteLedger';
import { describeError } from '../awsErrors';
import { StoreError } from '../errors';
import type { Table } from '../table';
import { claimImportDay, finishImportDay, releaseImportDay } from './importMarkers';

/** One day to import: its counts for one site as a delta, and what the marker records about it. */
export interface ImportDayInput {
  site: string;
  source: ImportSource;
  /** `YYYY-MM-DD`, UTC: the only day `delta` may hold. */
  day: string;
  /** The run's id: only this run may mark the day done or give it back. */
  runId: string;
  /** What the counts were read from (the original table's name). */
  from: string;
  /** Views the day adds (its series total), recorded in the marker. */
  views: number;
  delta: ViewDelta;
}

/** How importing one day ended. */
export type ImportDayOutcome =
  /**
   * Every aggregate of the day was written (or set aside as a dead letter DynamoDB refused for good). When
   * `markedDone` is false the marker could not be marked done (`markError` says why): the next run reports the
   * day as interrupted although it is complete.
   */
  | {
      status: 'imported';
      stats: AggregateStats;
      setAside: SetAside[];
      markedDone: boolean;
      markError?: string;
    }
  /** A marker was there first (`marker` as it stands; undefined when it could not be decoded): nothing written. */
  | { status: 'already-claimed'; marker: ImportMarker | undefined; error?: DecodeError }
  /**
   * A transient fault stopped the writes and every landed one was taken back. `released`: the marker was
   * deleted, so the next run imports the day; otherwise (`releaseError`) the next run reports it as interrupted.
   */
  | {
      status: 'rolled-back';
      cause: string;
      stats: AggregateStats;
      released: boolean;
      releaseError?: string;
    }
  /** Writes landed that could not be taken back: the day holds part of its counts and stays `started`. */
  | { status: 'interrupted'; cause: string; stats: AggregateStats; unreverted: Unreverted[] };

/**
 * Imports one day: claims its marker (or finds one and writes nothing), writes the delta with `aggregate`, then
 * marks the day done, or gives it back when every write was rolled back. Anything thrown after the claim (the
 * process dying, in effect) leaves the marker `started`, which later runs report instead of writing again.
 * @example const outcome = await importDay(table, { site, source: 'legacy', day, runId, from, views, delta });
 */
export async function importDay(
  table: Table,
  input: ImportDayInput,
  options: AggregateOptions = {},
): Promise<ImportDayOutcome> {
  for (const d of input.delta.days())
    if (d.site !== input.site || d.day !== input.day)
      throw new StoreError(
        `importDay(${input.site}, ${input.day}) was given counts of ${d.site} on ${d.day}`,
      );
  const now = options.now ?? Date.now;
  const claim = await claimImportDay(table, {
    site: input.site,
    source: input.source,
    day: input.day,
    runId: input.runId,
    from: input.from,
    views: input.views,
    startedAt: now(),
  });
  if (!claim.claimed)
    return {
      status: 'already-claimed',
      marker: claim.marker,
      ...(claim.error ? { error: claim.error } : {}),
    };
  const outcome = await aggregate(table, input.delta, options);
  const cause = (c: unknown, reason: string) => (c === undefined ? reason : describeError(c));
  if (outcome.status === 'double-fault')
    return {
      status: 'interrupted',
      cause: cause(outcome.cause, outcome.reason),
      stats: outcome.stats,
      unreverted: outcome.unreverted,
    };
  if (outcome.status === 'rolled-back') {
    const base = {
      status: 'rolled-back' as const,
      cause: cause(outcome.cause, outcome.reason),
      stats: outcome.stats,
    };
    try {
      const released = await releaseImportDay(table, input.site, input.source, input.day, input.runId);
      return released ? { ...base, released } : { ...base, released, releaseError: 'the marker had changed' };
    } catch (error) {
      return { ...base, released: false, releaseError: describeError(error) };
    }
  }
  const done = { status: 'imported' as const, stats: outcome.stats, setAside: outcome.setAside };
  try {
    const marked = await finishImportDay(table, input.site, input.source, input.day, input.runId, {
      finishedAt: now(),
      deadLettered: outcome.stats.deadLettered,
    });
    return marked
      ? { ...done, markedDone: true }
      : { ...done, markedDone: false, markError: 'the marker had changed' };
  } catch (error) {
    return { ...done, markedDone: false, markError: describeError(error) };
  }
}
