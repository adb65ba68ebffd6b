// Replays stream records through the stream-trigger-fn bundle into a fresh aggregate table, batch by batch,
// metering every call.
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { decodeKey, itemBytes, sitePartition } from '@footfall/core-model';
import { localClientConfig } from '@footfall/dynamodb-local';
import type { DynamoDBRecord } from 'aws-lambda';
import { startTriggerOnNewTable } from './functions';

/** What one replay cost. */
export interface ReplayResult {
  batchSize: number;
  records: number;
  invocations: number;
  writeUnits: number;
  readUnits: number;
  msPerInvocation: number;
  /** Trie writes refused by their size condition (each charged one write unit, included in writeUnits). */
  conditionalFailures: number;
  /** Write units by kind of item (`pg`, `rf`, `ev`, `pr`, `cv`, `series`, …; refused writes not included). */
  writeUnitsByKind: Record<string, number>;
}

const quiet = () => {};

/**
 * Creates `tableName` (the template's table without a stream: nothing reads it here, and DynamoDB Local slows
 * down as a stream grows) and applies `records` in batches of `batchSize` with one warm trigger, as one Lambda
 * container would. A batch that reports failures is an error: nothing here injects faults.
 */
export async function replay(
  endpoint: string,
  tableName: string,
  records: readonly DynamoDBRecord[],
  batchSize: number,
  progress: (line: string) => void = quiet,
): Promise<ReplayResult> {
  const trigger = await startTriggerOnNewTable({ tableName, endpoint });
  const m = trigger.meter;
  m.reset();
  let invocations = 0;
  const t0 = performance.now();
  for (let i = 0; i < records.length; i += batchSize) {
    const out = await trigger.deliver(records.slice(i, i + batchSize));
    invocations++;
    if (invocations % 500 === 0)
      progress(
        `batches of ${batchSize}: ${invocations} invocations, ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
    if (out.batchItemFailures.length > 0)
      throw new Error(`batch at ${i} reported failures: ${JSON.stringify(out.batchItemFailures)}`);
  }
  const ms = performance.now() - t0;
  await trigger.stop();
  // A write refused by its condition is charged by DynamoDB but answers with an error, not ConsumedCapacity: the
  // proxy counts them, and each costs one write unit (trie items stay under 1 KB).
  const conditionalFailures = m.conditionalFailures;
  return {
    batchSize,
    records: records.length,
    invocations,
    writeUnits: m.totalWrite + conditionalFailures,
    readUnits: m.totalRead,
    msPerInvocation: ms / Math.max(1, invocations),
    conditionalFailures,
    writeUnitsByKind: Object.fromEntries(m.writeUnitsByKind),
  };
}

/** The largest item of a site's aggregates (bytes as DynamoDB counts them) and how many items there are. */
export async function largestAggregateItem(
  endpoint: string,
  tableName: string,
  site: string,
): Promise<{ bytes: number; section: string; items: number }> {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  let largest = { bytes: 0, section: '', items: 0 };
  for await (const page of paginateScan({ client }, { TableName: tableName }))
    for (const item of page.Items ?? []) {
      const key = decodeKey(item, 'Item');
      if (!key.ok || key.value.path !== sitePartition(site)) continue;
      largest.items++;
      const bytes = itemBytes(item);
      if (bytes > largest.bytes) largest = { ...largest, bytes, section: key.value.section };
    }
  client.destroy();
  return largest;
}
