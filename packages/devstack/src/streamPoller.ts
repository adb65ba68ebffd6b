// Polls the table's stream like Lambda's event source mapping and invokes the trigger function with batches.
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type GetShardIteratorCommandInput,
  ResourceNotFoundException,
  type Shard,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { toLambdaRecord } from '@footfall/dynamodb-local';
import type { InvokeResult } from '@footfall/local-lambda';
import { type FilterPattern, matchesFilterCriteria } from '@footfall/template';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { type BatchPolicy, type FailureCondition, processBatch } from './batchProcessor';
import type { CheckpointStore } from './checkpointStore';
import type { Log } from './log';

/** The stream event's settings (from template.yaml) that shape batches. */
export interface PollerSettings extends BatchPolicy {
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  filterPatterns: readonly FilterPattern[];
}

/** Records given up on, shaped like the message Lambda sends to an on-failure destination. */
export interface FailureReport {
  requestContext: { condition: FailureCondition; approximateInvokeCount: number; reason: string };
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    batchSize: number;
    streamArn: string;
  };
  timestamp: string;
}

/** What the poller reads, whom it invokes and how often it looks. */
export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  region: string;
  settings: PollerSettings;
  invoke: (event: DynamoDBStreamEvent) => Promise<InvokeResult>;
  checkpoints: CheckpointStore;
  log: Log;
  /** The on-failure destination; logged as a warning when absent. */
  onFailure?: (report: FailureReport) => void;
  /** Pause between polls of a shard that had nothing new (default 250 ms). */
  pollIntervalMs?: number;
  /** How often new shards are looked for (default 2000 ms). */
  discoveryIntervalMs?: number;
  /** First retry delay after a failed invocation, doubled per attempt up to 30 s (default 500 ms). */
  retryBaseDelayMs?: number;
  /** How long stop() waits for a running invocation before abandoning it (default 5000 ms). */
  stopGraceMs?: number;
}

const GET_RECORDS_LIMIT = 1000;

const sequenceOf = (record: DynamoDBRecord): string => record.dynamodb?.SequenceNumber ?? '';

/**
 * Reads every shard of a stream (a child only after its parent is finished), filters and batches the records
 * by the template's settings and delivers them with Lambda's retry semantics, checkpointing as it goes.
 * @example const poller = new StreamPoller({ client, streamArn, ... }); poller.start(); await poller.stop();
 */
export class StreamPoller {
  private readonly running = new Map<string, Promise<void>>();
  /** Per shard being read: the oldest record read but not yet handled, if any. */
  private readonly waiting = new Map<string, () => DynamoDBRecord | undefined>();
  /** Sleeps that `wake()` cuts short (retry backoff, idle polls). */
  private readonly sleepers = new Set<() => void>();
  private readonly controller = new AbortController();
  private discovery: Promise<void> | undefined;
  private wakeDiscovery: (() => void) | undefined;

  constructor(private readonly options: StreamPollerOptions) {}

  /** Begins polling in the background. */
  start(): void {
    this.discovery ??= this.discover();
  }

  /** Stops polling, lets a running invocation finish (within the grace period) and saves the checkpoints. */
  async stop(): Promise<void> {
    this.controller.abort();
    this.wakeDiscovery?.();
    const all = Promise.all([this.discovery, ...this.running.values()]);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.options.stopGraceMs ?? 5000);
    });
    await Promise.race([all, grace]);
    clearTimeout(timer);
    this.options.checkpoints.save();
  }

  /**
   * How far behind the poller is, in seconds: the age of the oldest record it has read and not yet handled
   * (delivered, filtered out or given up on), on any shard; 0 when nothing waits. Records still unread are not
   * seen, as Lambda's IteratorAge does not see them either until it reads them; a batch that keeps failing
   * holds its first record, so the lag grows for as long as it fails.
   * @example if (poller.lagSeconds() > 30) log.warn('counting is behind');
   */
  lagSeconds(nowMs = Date.now()): number {
    let oldest: number | undefined;
    for (const pending of this.waiting.values()) {
      const created = pending()?.dynamodb?.ApproximateCreationDateTime;
      if (created !== undefined && (oldest === undefined || created < oldest)) oldest = created;
    }
    return oldest === undefined ? 0 : Math.max(0, Math.floor(nowMs / 1000 - oldest));
  }

  /** Ends every pause now (a retry backoff, an idle poll), e.g. once a stopped trigger runs again. */
  wake(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  private get stopping(): boolean {
    return this.controller.signal.aborted;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.controller.signal.removeEventListener('abort', done);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.controller.signal.addEventListener('abort', done);
      this.sleepers.add(done);
    });
  }

  private async listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.options.client.send(
        new DescribeStreamCommand({ StreamArn: this.options.streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start !== undefined);
    return shards;
  }

  private async discover(): Promise<void> {
    const { log, checkpoints } = this.options;
    let failures = 0;
    while (!this.stopping) {
      try {
        const shards = await this.listShards();
        const ids = new Set(shards.flatMap((s) => (s.ShardId === undefined ? [] : [s.ShardId])));
        checkpoints.retain(ids);
        for (const shard of shards) {
          const id = shard.ShardId;
          if (id === undefined || this.running.has(id) || checkpoints.get(id).finished) continue;
          const parent = shard.ParentShardId;
          // Records of one key move from parent to child: the child waits until the parent is read to its end.
          if (parent !== undefined && ids.has(parent) && !checkpoints.get(parent).finished) continue;
          const task = this.readShard(shard).finally(() => {
            this.running.delete(id);
            this.waiting.delete(id);
            this.wakeDiscovery?.();
          });
          this.running.set(id, task);
        }
        failures = 0;
      } catch (error) {
        failures++;
        // Once, then every 20th time: a database that went away should not flood the terminal.
        if (failures === 1 || failures % 20 === 0) {
          if (error instanceof ResourceNotFoundException)
            log.error(`stream ${this.options.streamArn} not found`);
          else log.warn(`DescribeStream failed: ${String(error)}`);
        }
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.discoveryIntervalMs ?? 2000);
        this.wakeDiscovery = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private async iterator(shardId: string, after: string | undefined): Promise<string | undefined> {
    const base = { StreamArn: this.options.streamArn, ShardId: shardId };
    const input: GetShardIteratorCommandInput =
      after === undefined
        ? { ...base, ShardIteratorType: 'TRIM_HORIZON' }
        : { ...base, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after };
    try {
      return (await this.options.client.send(new GetShardIteratorCommand(input))).ShardIterator;
    } catch (error) {
      if (after === undefined || !(error instanceof TrimmedDataAccessException)) throw error;
      this.options.log.warn(
        `shard ${shardId}: records after ${after} were trimmed (older than 24 h); reading from the oldest kept record`,
      );
      return this.iterator(shardId, undefined);
    }
  }

  private async readShard(shard: Shard): Promise<void> {
    const { settings, checkpoints, log, streamArn, region } = this.options;
    const shardId = shard.ShardId ?? '';
    const pollMs = this.options.pollIntervalMs ?? 250;
    const windowMs = settings.maximumBatchingWindowInSeconds * 1000;
    // Matching records waiting for a batch, the last sequence number read, and when the batch began to gather.
    const buffer: DynamoDBRecord[] = [];
    let readUpTo = checkpoints.get(shardId).sequenceNumber;
    let gatheringSince = 0;
    let ended = false;
    let iterator: string | undefined;
    let errors = 0;
    // The batch being delivered and how far into it the records are handled, for lagSeconds().
    let inFlight: DynamoDBRecord[] = [];
    let handledUpTo: bigint | undefined;
    this.waiting.set(
      shardId,
      () =>
        inFlight.find((r) => handledUpTo === undefined || BigInt(sequenceOf(r) || '0') > handledUpTo) ??
        buffer[0],
    );

    const deliver = async (): Promise<boolean> => {
      const batch = buffer.splice(0, settings.batchSize);
      inFlight = batch;
      handledUpTo = undefined;
      const finished = await processBatch(batch, {
        invoke: this.options.invoke,
        policy: settings,
        onProgress: (sequence) => {
          handledUpTo = BigInt(sequence || '0');
          checkpoints.advance(shardId, sequence);
          checkpoints.save();
        },
        onFailure: (records, condition, attempts, reason) =>
          this.failed(shardId, records, condition, attempts, reason),
        backoff: (attempt) =>
          this.sleep(Math.min(30_000, (this.options.retryBaseDelayMs ?? 500) * 2 ** (attempt - 1))),
        stopping: () => this.stopping,
      });
      inFlight = [];
      if (!finished) return false;
      // Filtered-out records read after the batch are handled too once nothing waits before them.
      if (buffer.length === 0 && readUpTo !== undefined) checkpoints.advance(shardId, readUpTo);
      checkpoints.save();
      gatheringSince = buffer.length > 0 ? Date.now() : 0;
      return true;
    };

    while (!this.stopping) {
      const full = buffer.length >= settings.batchSize;
      const due = buffer.length > 0 && (ended || Date.now() - gatheringSince >= windowMs);
      if (full || due) {
        if (!(await deliver())) return;
        continue;
      }
      if (ended) {
        checkpoints.finish(shardId);
        checkpoints.save();
        log.debug(`shard ${shardId} finished`);
        return;
      }
      let got = 0;
      try {
        iterator ??= await this.iterator(shardId, readUpTo);
        if (iterator === undefined) {
          ended = true;
          continue;
        }
        const limit = Math.max(1, Math.min(GET_RECORDS_LIMIT, settings.batchSize - buffer.length));
        const page = await this.options.client.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }),
        );
        const records = page.Records ?? [];
        got = records.length;
        for (const record of records) {
          const lambdaRecord = toLambdaRecord(record, streamArn, region);
          readUpTo = sequenceOf(lambdaRecord);
          // Lambda drops records that match no filter before batching; they count as handled.
          if (!matchesFilterCriteria(lambdaRecord, settings.filterPatterns)) continue;
          if (buffer.length === 0) gatheringSince = Date.now();
          buffer.push(lambdaRecord);
        }
        if (buffer.length === 0 && readUpTo !== undefined && got > 0) {
          checkpoints.advance(shardId, readUpTo);
          checkpoints.save();
        }
        iterator = page.NextShardIterator;
        // A closed shard ends with no next iterator.
        if (iterator === undefined) ended = true;
        errors = 0;
      } catch (error) {
        iterator = undefined;
        if (error instanceof ExpiredIteratorException) {
          // Iterators last 15 minutes; the next round asks for a new one after the last record read.
          continue;
        }
        if (error instanceof TrimmedDataAccessException) {
          log.warn(
            `shard ${shardId}: records were trimmed before they could be read; continuing from the oldest kept record`,
          );
          readUpTo = undefined;
          continue;
        }
        if (error instanceof ResourceNotFoundException) {
          log.warn(`shard ${shardId} no longer exists`);
          return;
        }
        errors++;
        if (errors === 1 || errors % 20 === 0)
          log.warn(`shard ${shardId}: GetRecords failed: ${String(error)}`);
        await this.sleep(Math.min(5000, pollMs * 2 ** Math.min(errors, 5)));
        continue;
      }
      if (ended || buffer.length >= settings.batchSize) continue;
      if (buffer.length > 0) {
        // Gathering: poll again soon, but not past the end of the batching window.
        await this.sleep(Math.max(0, Math.min(pollMs, windowMs - (Date.now() - gatheringSince))));
      } else if (got === 0) {
        await this.sleep(pollMs);
      }
    }
  }

  private failed(
    shardId: string,
    records: DynamoDBRecord[],
    condition: FailureCondition,
    attempts: number,
    reason: string,
  ): void {
    const report: FailureReport = {
      requestContext: { condition, approximateInvokeCount: attempts, reason },
      DDBStreamBatchInfo: {
        shardId,
        startSequenceNumber: sequenceOf(records[0] ?? {}),
        endSequenceNumber: sequenceOf(records.at(-1) ?? {}),
        batchSize: records.length,
        streamArn: this.options.streamArn,
      },
      timestamp: new Date().toISOString(),
    };
    if (this.options.onFailure !== undefined) this.options.onFailure(report);
    else this.options.log.warn(`stream records given up on: ${JSON.stringify(report)}`);
  }
}
