// A small emulator of Lambda's DynamoDB event source mapping: per shard in order, batches of N, checkpoint at
// the reported sequence number, bisect a batch whose invocation throws, bounded retries (then discard).
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';

/** Where an invocation sits: its shard and its number within that shard. */
export interface InvocationInfo {
  shard: number;
  invocation: number;
}

/** Runs the function on one batch; may throw (a function error, as a crash or timeout would be). */
export type Invoke = (
  records: DynamoDBRecord[],
  info: InvocationInfo,
) => Promise<DynamoDBBatchResponse | undefined>;

export interface MappingOptions {
  batchSize: number;
  /** Retries of one batch without progress before it is discarded (Lambda's MaximumRetryAttempts). */
  maxRetries: number;
  invoke: Invoke;
}

/** What the mapping did; `discarded` is what Lambda would send to the on-failure destination. */
export interface MappingReport {
  invocations: number;
  /** Invocations whose batch was retried from a reported sequence number. */
  partialFailures: number;
  bisections: number;
  discarded: DynamoDBRecord[];
}

/**
 * Lambda keeps records of one item in one shard; the real stream here has one shard, so records are spread
 * over `count` virtual shards by their key, which keeps per-item order and lets shards race like in AWS.
 */
export function splitIntoShards(records: readonly DynamoDBRecord[], count: number): DynamoDBRecord[][] {
  const shards: DynamoDBRecord[][] = Array.from({ length: count }, () => []);
  for (const record of records) {
    const key = JSON.stringify(record.dynamodb?.Keys ?? {});
    let h = 0;
    for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
    shards[h % count]?.push(record);
  }
  return shards;
}

/** Feeds every shard's records to `invoke` the way an event source mapping does, shards concurrently. */
export async function runEventSourceMapping(
  shards: readonly DynamoDBRecord[][],
  options: MappingOptions,
): Promise<MappingReport> {
  const report: MappingReport = { invocations: 0, partialFailures: 0, bisections: 0, discarded: [] };

  const drain = async (
    records: DynamoDBRecord[],
    batchSize: number,
    shard: number,
    counter: { n: number },
  ) => {
    let position = 0;
    let retries = 0;
    const giveUpOrRetry = (batch: DynamoDBRecord[]) => {
      retries++;
      if (retries <= options.maxRetries) return;
      report.discarded.push(...batch);
      position += batch.length;
      retries = 0;
    };
    while (position < records.length) {
      const batch = records.slice(position, position + batchSize);
      report.invocations++;
      let response: DynamoDBBatchResponse | undefined;
      try {
        response = await options.invoke(batch, { shard, invocation: counter.n++ });
      } catch {
        if (batch.length > 1) {
          // BisectBatchOnFunctionError: each half is retried on its own; splitting costs no retry.
          report.bisections++;
          const half = Math.ceil(batch.length / 2);
          await drain(batch.slice(0, half), half, shard, counter);
          await drain(batch.slice(half), batch.length - half, shard, counter);
          position += batch.length;
          retries = 0;
        } else giveUpOrRetry(batch);
        continue;
      }
      const failures = response?.batchItemFailures ?? [];
      if (failures.length === 0) {
        position += batch.length;
        retries = 0;
        continue;
      }
      report.partialFailures++;
      const indices = failures.map((f) =>
        batch.findIndex((r) => r.dynamodb?.SequenceNumber === f.itemIdentifier),
      );
      // An identifier that is not in the batch makes Lambda treat the whole batch as failed.
      const from = indices.some((i) => i < 0) ? 0 : Math.min(...indices);
      if (from > 0) {
        position += from;
        retries = 0;
      } else giveUpOrRetry(batch);
    }
  };

  await Promise.all(shards.map((records, shard) => drain([...records], options.batchSize, shard, { n: 0 })));
  return report;
}
