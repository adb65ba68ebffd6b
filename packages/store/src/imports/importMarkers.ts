// The commands on import markers: read a site's markers, claim a day, mark it done, give it back.
import {
  DeleteItemCommand,
  PutItemCommand,
  ReturnValuesOnConditionCheckFailure,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  type DecodeError,
  decodeImportMarker,
  type ImportMarker,
  type ImportSource,
  importClaim,
  importDone,
  importMarkerRange,
  importRelease,
} from '@footfall/core-model';
import { isConditionalCheckFailed } from '../awsErrors';
import { queryItems } from '../reports/queryItems';
import type { Table } from '../table';

/** What a claim found: the day is this run's now, or some run's marker (as it stands) was there first. */
export type ClaimResult =
  | { claimed: true }
  /** `marker` is undefined only when the marker in the way could not be decoded (see `error`). */
  | { claimed: false; marker: ImportMarker | undefined; error?: DecodeError };

/**
 * A site's markers of one import source over UTC days, read strongly consistent (a run that just finished a day
 * is seen as done), and the marker items that could not be decoded.
 * @example const { markers } = await readImportMarkers(table, 'example.com', 'legacy', '2020-01-01', '2023-12-31');
 */
export async function readImportMarkers(
  table: Table,
  site: string,
  source: ImportSource,
  fromDay: string,
  toDay: string,
): Promise<{ markers: Map<string, ImportMarker>; errors: DecodeError[]; readUnits: number }> {
  const { items, readUnits } = await queryItems(table, importMarkerRange(site, source, fromDay, toDay), {
    consistent: true,
  });
  const markers = new Map<string, ImportMarker>();
  const errors: DecodeError[] = [];
  for (const item of items) {
    const d = decodeImportMarker(item);
    if (d.ok) markers.set(d.value.day, d.value);
    else errors.push(d.error);
  }
  return { markers, errors, readUnits };
}

/**
 * Claims a day for a run (its marker put as `started`) unless some marker is there already, which it returns.
 * @example if ((await claimImportDay(table, { site, source: 'legacy', day, runId, from, views, startedAt })).claimed) …
 */
export async function claimImportDay(
  table: Table,
  claim: Parameters<typeof importClaim>[0],
): Promise<ClaimResult> {
  try {
    await table.dynamodb.send(
      new PutItemCommand({
        TableName: table.tableName,
        ...importClaim(claim),
        ReturnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure.ALL_OLD,
      }),
    );
    return { claimed: true };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const d = decodeImportMarker((error as { Item?: unknown }).Item);
    return d.ok ? { claimed: false, marker: d.value } : { claimed: false, marker: undefined, error: d.error };
  }
}

/**
 * Marks a run's claimed day done; false when the marker is no longer that run's `started` one (nothing changes).
 * @example await finishImportDay(table, site, 'legacy', day, runId, { finishedAt: Date.now(), deadLettered: 0 });
 */
export async function finishImportDay(
  table: Table,
  site: string,
  source: ImportSource,
  day: string,
  runId: string,
  result: { finishedAt: number; deadLettered: number },
): Promise<boolean> {
  try {
    await table.dynamodb.send(
      new UpdateItemCommand({ TableName: table.tableName, ...importDone(site, source, day, runId, result) }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

/**
 * Gives a run's claimed day back (deletes its `started` marker) when none of its aggregates stayed written;
 * false when the marker is no longer that run's `started` one (nothing changes).
 * @example await releaseImportDay(table, site, 'legacy', day, runId);
 */
export async function releaseImportDay(
  table: Table,
  site: string,
  source: ImportSource,
  day: string,
  runId: string,
): Promise<boolean> {
  try {
    await table.dynamodb.send(
      new DeleteItemCommand({ TableName: table.tableName, ...importRelease(site, source, day, runId) }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}
