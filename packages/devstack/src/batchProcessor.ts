// Lambda's retry semantics for one stream batch: bisect on error, partial batch responses, retry limits.

import type { InvokeResult } from '@footfall/local-lambda';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/** The event source mapping settings that decide what happens when an invocation fails. */
export interface BatchPolicy {
  bisectBatchOnFunctionError: boolean;
  /** -1: retry until the records expire. */
  maximumRetryAttempts: number;
  /** -1: no limit. */
  maximumRecordAgeInSeconds: number;
  /** FunctionResponseTypes includes ReportBatchItemFailures. */
  reportBatchItemFailures: boolean;
}

/** Why records were given up on, in the words of Lambda's on-failure records. */
export type FailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

/** What a batch needs from its surroundings. */
export interface BatchDeps {
  invoke: (event: DynamoDBStreamEvent) => Promise<InvokeResult>;
  policy: BatchPolicy;
  /** Called whenever the records up to and including this sequence number are finished (processed or given up). */
  onProgress: (sequenceNumber: string) => void;
  /** Records the mapping gives up on (the on-failure destination). */
  onFailure: (
    records: DynamoDBRecord[],
    condition: FailureCondition,
    attempts: number,
    reason: string,
  ) => void;
  /** Wait before retry `attempt` (1, 2, …); resolves early when stopping. */
  backoff: (attempt: number) => Promise<void>;
  /** True once the poller is stopping: no further invocation starts. */
  stopping: () => boolean;
  /** Epoch seconds now (tests may fix the clock). */
  nowSeconds?: () => number;
}

interface Piece {
  records: DynamoDBRecord[];
  /** Failed invocations of these records so far (bisecting does not count, as in Lambda). */
  attempts: number;
}

type Outcome = { kind: 'success' } | { kind: 'error'; reason: string } | { kind: 'partial'; index: number };

const sequenceOf = (record: DynamoDBRecord): string => record.dynamodb?.SequenceNumber ?? '';

/** Reads a partial batch response; an unusable identifier fails the whole batch, as Lambda does. */
function partialOutcome(records: DynamoDBRecord[], value: unknown): Outcome {
  if (typeof value !== 'object' || value === null) return { kind: 'success' };
  const failures = (value as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'error', reason: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'success' };
  let lowest = Number.POSITIVE_INFINITY;
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const index = typeof id === 'string' && id !== '' ? records.findIndex((r) => sequenceOf(r) === id) : -1;
    if (index < 0) return { kind: 'error', reason: `invalid itemIdentifier ${JSON.stringify(id)}` };
    lowest = Math.min(lowest, index);
  }
  return { kind: 'partial', index: lowest };
}

function outcomeOf(records: DynamoDBRecord[], result: InvokeResult, policy: BatchPolicy): Outcome {
  if (!result.ok) return { kind: 'error', reason: `${result.error.errorType}: ${result.error.errorMessage}` };
  return policy.reportBatchItemFailures ? partialOutcome(records, result.value) : { kind: 'success' };
}

/**
 * Delivers one batch (records of one shard, in order) like Lambda's event source mapping: on a thrown error it
 * bisects (if enabled) or retries; on a partial response it retries from the lowest failed sequence number;
 * after MaximumRetryAttempts or MaximumRecordAgeInSeconds the records go to `onFailure`. Resolves true when the
 * whole batch is finished, false when it stopped early (unfinished records are then read again next time).
 * @example await processBatch(records, { invoke, policy, onProgress: save, onFailure: log, backoff, stopping });
 */
export async function processBatch(batch: DynamoDBRecord[], deps: BatchDeps): Promise<boolean> {
  const { policy } = deps;
  const now = deps.nowSeconds ?? (() => Date.now() / 1000);
  const pieces: Piece[] = [{ records: batch, attempts: 0 }];
  const finish = (records: DynamoDBRecord[]) => {
    const last = records.at(-1);
    if (last !== undefined) deps.onProgress(sequenceOf(last));
  };

  for (let piece = pieces.shift(); piece !== undefined; piece = pieces.shift()) {
    if (deps.stopping()) return false;
    let { records } = piece;
    if (policy.maximumRecordAgeInSeconds >= 0) {
      const cutoff = now() - policy.maximumRecordAgeInSeconds;
      const expired = records.filter((r) => (r.dynamodb?.ApproximateCreationDateTime ?? now()) < cutoff);
      if (expired.length > 0) {
        deps.onFailure(expired, 'RecordAgeExceeded', piece.attempts, 'older than MaximumRecordAgeInSeconds');
        records = records.filter((r) => !expired.includes(r));
        if (records.length === 0) {
          finish(expired);
          continue;
        }
      }
    }

    const outcome = outcomeOf(records, await deps.invoke({ Records: records }), policy);
    if (outcome.kind === 'success') {
      finish(records);
      continue;
    }

    let failing = records;
    if (outcome.kind === 'partial') {
      finish(records.slice(0, outcome.index));
      failing = records.slice(outcome.index);
    } else if (policy.bisectBatchOnFunctionError && records.length > 1) {
      const half = Math.ceil(records.length / 2);
      pieces.unshift(
        { records: records.slice(0, half), attempts: piece.attempts },
        {
          records: records.slice(half),
          attempts: piece.attempts,
        },
      );
      continue;
    }

    const attempts = piece.attempts + 1;
    if (policy.maximumRetryAttempts >= 0 && attempts > policy.maximumRetryAttempts) {
      const reason = outcome.kind === 'error' ? outcome.reason : 'reported as failed by the function';
      deps.onFailure(failing, 'RetryAttemptsExhausted', attempts, reason);
      finish(failing);
      continue;
    }
    await deps.backoff(attempts);
    pieces.unshift({ records: failing, attempts });
  }
  return true;
}
