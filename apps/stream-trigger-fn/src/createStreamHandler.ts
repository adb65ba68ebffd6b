// Builds the stream handler: decode every record, fold view changes and custom events into one delta, apply it
// all-or-nothing.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { decodeRecord, REALTIME_HORIZON_MS, sequenceNumberOf, ViewDelta } from '@footfall/core-model';
import { createLogger, type Logger } from '@footfall/kernel';
import { applyViewDelta, type PoisonRecord, TrieKnowledge } from '@footfall/store';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { type BatchStatus, type InvocationMetrics, metricsFields } from './metrics';

/** Settings of a stream handler; tests build their own. */
export interface StreamHandlerOptions {
  tableName: string;
  dynamodb: DynamoDBClient;
  /** Most UpdateItem calls in flight at once (default 8). */
  concurrency?: number;
  /**
   * No forward write starts once less than this much time remains (default 20 s, but never more than a
   * third of the time the invocation started with): what is left must cover the writes in flight and the
   * undo of the batch, so a timeout rarely kills the function between a write and its undo.
   */
  deadlineMarginMs?: number;
  /** Rounds of undo retries on top of the SDK's own (default 8). */
  undoRounds?: number;
  /** CloudWatch namespace of the EMF metrics; empty to log the summary without metrics (default Footfall). */
  metricsNamespace?: string;
  log?: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** What the container knows of trie items (tests pass a fresh one to start cold). */
  knowledge?: TrieKnowledge;
  now?: () => number;
}

/** The Lambda handler shape of the trigger. */
export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

const DEFAULTS = { concurrency: 8, deadlineMarginMs: 20_000, undoRounds: 8, undoFloorMs: 1_000 };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Records of an event of any shape: a malformed event is one poison "record" with no sequence number. */
function recordsOf(event: unknown): unknown[] | undefined {
  if (event === null || typeof event !== 'object') return undefined;
  const records = (event as { Records?: unknown }).Records;
  return Array.isArray(records) ? records : undefined;
}

/** The sequence number Lambda should resume from to retry the whole batch: its first record's. */
export function retryWholeBatch(records: readonly unknown[]): DynamoDBBatchResponse {
  for (let i = 0; i < records.length; i++) {
    const seq = sequenceNumberOf(records[i], i);
    if (seq !== undefined) return { batchItemFailures: [{ itemIdentifier: seq }] };
  }
  // No record carries a sequence number: nothing in it could have been aggregated either.
  return { batchItemFailures: [] };
}

/**
 * Creates the handler for DynamoDB stream batches. It never throws and never reports a poison record as
 * failed (that would block the shard); it reports the batch's first record as failed only when the batch's
 * counters were rolled back (or partly could not be), so Lambda retries the batch and no view is lost.
 * @example export const handler = createStreamHandler({ tableName, dynamodb: new DynamoDBClient(config) });
 */
export function createStreamHandler(options: StreamHandlerOptions): StreamHandler {
  const log = options.log ?? createLogger();
  const concurrency = Math.max(1, options.concurrency ?? DEFAULTS.concurrency);
  const margin = options.deadlineMarginMs ?? DEFAULTS.deadlineMarginMs;
  const undoRounds = Math.max(1, options.undoRounds ?? DEFAULTS.undoRounds);
  const namespace = options.metricsNamespace ?? 'Footfall';
  const sleep = options.sleep ?? wait;
  const knowledge = options.knowledge ?? new TrieKnowledge();
  const now = options.now ?? Date.now;

  return async (event, context) => {
    const started = Date.now();
    const records = recordsOf(event);
    const metrics: InvocationMetrics = {
      recordsSeen: records?.length ?? 0,
      recordsApplied: 0,
      recordsSkipped: 0,
      recordsPoison: 0,
      itemsWritten: 0,
      writeUnits: 0,
      readUnits: 0,
      undoCount: 0,
      unreverted: 0,
      deadLettered: 0,
      newValues: 0,
      cappedValues: 0,
      conditionalFailures: 0,
    };
    const summary = (status: BatchStatus) =>
      log.always(
        'stream batch',
        metricsFields(metrics, status, { namespace, now: Date.now(), durationMs: Date.now() - started }),
      );
    if (records === undefined) {
      log.error('event is not a stream batch', { recordsType: typeof event });
      summary('nothing-to-do');
      return { batchItemFailures: [] };
    }

    // Fold every change first: a batch costs one write per aggregate item, however many views it holds.
    // Views counted within minutes of arriving also feed the realtime items; a backlog or old retry does not.
    const realtimeSince = now() - REALTIME_HORIZON_MS;
    const delta = new ViewDelta({ realtimeSince });
    const poison: PoisonRecord[] = [];
    let changes = 0;
    records.forEach((record, index) => {
      const decoded = decodeRecord(record, index);
      if (decoded.kind === 'skip') {
        metrics.recordsSkipped++;
        return;
      }
      if (decoded.kind === 'poison') {
        metrics.recordsPoison++;
        log.warn('poison record set aside', {
          sequenceNumber: decoded.sequenceNumber,
          path: decoded.error.path,
          error: decoded.error.message,
        });
        poison.push({ sequenceNumber: decoded.sequenceNumber, error: decoded.error.message, record });
        return;
      }
      try {
        // One delta per record, merged only when whole: a record that fails halfway adds nothing.
        const one = new ViewDelta({ realtimeSince });
        if (decoded.kind === 'event') one.addEvent(decoded.event);
        else one.addChange(decoded.before, decoded.after);
        delta.merge(one);
        changes++;
      } catch (error) {
        metrics.recordsPoison++;
        log.warn('poison record set aside', { sequenceNumber: decoded.sequenceNumber, error });
        poison.push({ sequenceNumber: decoded.sequenceNumber, error: String(error), record });
      }
    });
    if (delta.isEmpty && poison.length === 0) {
      metrics.recordsApplied = changes;
      summary('nothing-to-do');
      return { batchItemFailures: [] };
    }

    const remainingMs = () => context.getRemainingTimeInMillis();
    // A short function timeout must still leave room for work: the margin shrinks to a third of it.
    const deadlineMargin = Math.min(margin, Math.floor(remainingMs() / 3));
    const outcome = await applyViewDelta(delta, poison, {
      dynamodb: options.dynamodb,
      tableName: options.tableName,
      knowledge,
      concurrency,
      nearDeadline: () => remainingMs() < deadlineMargin,
      remainingMs,
      undoRounds,
      undoFloorMs: DEFAULTS.undoFloorMs,
      sleep,
      now,
    });
    metrics.itemsWritten = outcome.stats.itemsWritten;
    metrics.writeUnits = outcome.stats.writeUnits;
    metrics.readUnits = outcome.stats.readUnits;
    metrics.undoCount = outcome.stats.undone;
    metrics.conditionalFailures = outcome.stats.conditionalFailures;

    if (outcome.status === 'applied') {
      metrics.recordsApplied = changes;
      metrics.deadLettered = outcome.stats.deadLettered;
      metrics.newValues = outcome.stats.newValues;
      metrics.cappedValues = outcome.stats.cappedValues;
      if (outcome.setAside.length > 0)
        log.error('writes DynamoDB refused were set aside as dead letters (footfall dead-letters list)', {
          setAside: outcome.setAside,
        });
      summary('applied');
      return { batchItemFailures: [] };
    }
    const response = retryWholeBatch(records);
    const retryFrom = response.batchItemFailures[0]?.itemIdentifier;
    if (outcome.status === 'rolled-back') {
      log.warn('batch rolled back, Lambda will retry it', {
        reason: outcome.reason,
        cause: outcome.cause,
        retryFrom,
        undone: outcome.stats.undone,
      });
    } else {
      metrics.unreverted = outcome.unreverted.length;
      // The one case where a retry over-counts: say exactly which counters, and how to take them back.
      log.error('DOUBLE FAULT: undo failed; the retry of this batch will count these updates twice', {
        reason: outcome.reason,
        cause: outcome.cause,
        retryFrom,
        unreverted: outcome.unreverted.map((u) => ({
          key: 'put' in u.applied ? u.applied.put : u.applied.Key,
          // A dead letter that could not be deleted must be deleted by hand, not replayed.
          repair: u.repair ?? ('put' in u.applied ? 'delete this dead letter' : null),
          error: u.error,
        })),
      });
    }
    summary(outcome.status);
    return response;
  };
}
