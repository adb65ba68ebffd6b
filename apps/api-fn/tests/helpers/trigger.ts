// The trigger's steps over a DynamoDB Local table's real stream: records decoded and folded by core-model,
// written by store, batch by batch, with the trigger's rules for what a record is (nothing imports an app, and
// this needs store's writer without the Lambda around it).
import { decodeRecord, ViewDelta } from '@footfall/core-model';
import { aggregate, TrieKnowledge } from '@footfall/store';
import { readStreamRecords } from '@footfall/testing';
import type { DynamoDBRecord } from 'aws-lambda';
import type { TestTable } from './localTable';

/** Every record in the table's stream after `fromSequence` (all of them without it), as Lambda delivers them. */
export const streamRecords = (table: TestTable, fromSequence?: string): Promise<DynamoDBRecord[]> =>
  readStreamRecords(table, fromSequence);

/** What one run of the trigger over a stream did. */
export interface TriggerRun {
  records: number;
  /** Records that changed a view's counts (the rest were skipped: users, early engagement, deletes). */
  changes: number;
  /** Where the next run should read from. */
  lastSequence: string | undefined;
}

/**
 * Aggregates the stream's records after `fromSequence` in batches of `batchSize`, with one container's
 * knowledge across batches as a warm trigger has. Throws on a record the trigger would set aside as poison
 * and on a batch that does not land whole: ingest must only ever write what the trigger can count.
 * @example await runTrigger(table); // then read the reports
 */
export async function runTrigger(
  table: TestTable,
  options: { batchSize?: number; fromSequence?: string } = {},
): Promise<TriggerRun> {
  const records = await streamRecords(table, options.fromSequence);
  const batchSize = options.batchSize ?? 100;
  const knowledge = new TrieKnowledge();
  let changes = 0;
  for (let start = 0; start < records.length; start += batchSize) {
    const delta = new ViewDelta();
    records.slice(start, start + batchSize).forEach((record, index) => {
      const decoded = decodeRecord(record, index);
      if (decoded.kind === 'poison') throw decoded.error;
      if (decoded.kind === 'skip') return;
      if (decoded.kind === 'event') delta.addEvent(decoded.event);
      else delta.addChange(decoded.before, decoded.after);
      changes++;
    });
    if (delta.isEmpty) continue;
    const outcome = await aggregate({ dynamodb: table.client, tableName: table.tableName }, delta, {
      knowledge,
    });
    if (outcome.status !== 'applied')
      throw new Error(
        `trigger batch at ${start} ${outcome.status} (${outcome.reason}): ${String(outcome.cause)}`,
      );
    if (outcome.setAside.length > 0)
      throw new Error(`trigger batch at ${start} set writes aside: ${JSON.stringify(outcome.setAside)}`);
  }
  return {
    records: records.length,
    changes,
    lastSequence: records[records.length - 1]?.dynamodb?.SequenceNumber ?? options.fromSequence,
  };
}
