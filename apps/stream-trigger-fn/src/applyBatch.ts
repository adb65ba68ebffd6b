// Applies a batch's coalesced counter changes all-or-nothing: every write lands, or the ones that did are undone.
import {
  type DynamoDBClient,
  UpdateItemCommand,
  type UpdateItemCommandInput,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { counterUpdates, type DeltaSet } from '@footfall/core-model';
import { negateUpdate } from './negateUpdate';
import { runBounded } from './runBounded';

/** What applyBatch needs from the invocation around it. */
export interface ApplyContext {
  dynamodb: DynamoDBClient;
  tableName: string;
  /** Most UpdateItem calls in flight at once. */
  concurrency: number;
  /** True once the invocation is too close to its deadline to start another forward write. */
  nearDeadline: () => boolean;
  /** Remaining invocation time; undo keeps retrying until this drops below `undoFloorMs`. */
  remainingMs: () => number;
  /** Rounds of undo attempts (each on top of the SDK's own retries) before giving up. */
  undoRounds: number;
  /** Below this much remaining time undo stops retrying, so the double fault is logged before a kill. */
  undoFloorMs: number;
  sleep: (ms: number) => Promise<void>;
}

/** Counts for the invocation's metrics line. */
export interface ApplyStats {
  /** UpdateItem calls the batch needs (one per aggregate item, more for very wide items). */
  planned: number;
  /** Forward UpdateItem calls that succeeded (undone or not). */
  itemsWritten: number;
  /** Undo UpdateItem calls that succeeded. */
  undone: number;
  /** Write units consumed by every successful call, forward and undo. */
  writeUnits: number;
}

/** A forward write whose undo failed: the batch's retry will count it a second time. */
export interface Unreverted {
  /** The write that stayed applied. */
  applied: UpdateItemCommandInput;
  /** The update that would take it back (what an operator replays to repair). */
  repair: UpdateItemCommandInput | undefined;
  error: unknown;
}

export type ApplyOutcome =
  | { status: 'applied'; stats: ApplyStats }
  | { status: 'rolled-back'; reason: 'write-failed' | 'deadline'; cause?: unknown; stats: ApplyStats }
  | {
      status: 'double-fault';
      reason: 'write-failed' | 'deadline';
      cause?: unknown;
      stats: ApplyStats;
      unreverted: Unreverted[];
    };

function unitsOf(output: UpdateItemCommandOutput): number {
  const units = output.ConsumedCapacity?.CapacityUnits;
  return typeof units === 'number' && Number.isFinite(units) ? units : 0;
}

/** Backoff between undo rounds: 100 ms doubling, capped at 1 s, with full jitter. */
const undoBackoff = (round: number): number => Math.random() * Math.min(1000, 100 * 2 ** round);

/**
 * Writes `deltas` as ADD-only UpdateItems with bounded concurrency. If a write still fails after the SDK's
 * retries, or the invocation nears its deadline, no further write starts and the writes that succeeded are
 * undone (their negations, retried harder), so the batch can be retried whole without counting twice.
 * @example const outcome = await applyBatch(deltas, ctx); if (outcome.status !== 'applied') retryBatch();
 */
export async function applyBatch(deltas: DeltaSet, ctx: ApplyContext): Promise<ApplyOutcome> {
  const updates = deltas.entries().flatMap((e) => counterUpdates(ctx.tableName, e.key, e.adds));
  const stats: ApplyStats = { planned: updates.length, itemsWritten: 0, undone: 0, writeUnits: 0 };
  const succeeded: UpdateItemCommandInput[] = [];
  let stop: { reason: 'write-failed' | 'deadline'; cause?: unknown } | undefined;

  const mayStart = () => {
    if (stop === undefined && ctx.nearDeadline()) stop = { reason: 'deadline' };
    return stop === undefined;
  };
  await runBounded(updates, ctx.concurrency, mayStart, async (input) => {
    try {
      const output = await ctx.dynamodb.send(new UpdateItemCommand(input));
      succeeded.push(input);
      stats.itemsWritten++;
      stats.writeUnits += unitsOf(output);
    } catch (cause) {
      // A definite failure (throttling after retries) did not apply; keep the first cause for the logs.
      if (stop === undefined || stop.reason === 'deadline') stop = { reason: 'write-failed', cause };
    }
  });
  if (stop === undefined) return { status: 'applied', stats };

  const unreverted = await undo(succeeded, ctx, stats);
  const base = { reason: stop.reason, ...(stop.cause === undefined ? {} : { cause: stop.cause }), stats };
  if (unreverted.length === 0) return { status: 'rolled-back', ...base };
  return { status: 'double-fault', ...base, unreverted };
}

/** Sends the negation of every applied write, in rounds, until all are undone or time runs short. */
async function undo(
  applied: UpdateItemCommandInput[],
  ctx: ApplyContext,
  stats: ApplyStats,
): Promise<Unreverted[]> {
  let pending: Unreverted[] = [];
  const cannotNegate: Unreverted[] = [];
  for (const input of applied) {
    const repair = negateUpdate(input);
    if (repair.ok) pending.push({ applied: input, repair: repair.value, error: undefined });
    else cannotNegate.push({ applied: input, repair: undefined, error: repair.error });
  }
  for (let round = 0; round < ctx.undoRounds && pending.length > 0; round++) {
    if (round > 0) {
      if (ctx.remainingMs() < ctx.undoFloorMs) break;
      await ctx.sleep(undoBackoff(round));
    }
    const failed: Unreverted[] = [];
    await runBounded(
      pending,
      ctx.concurrency,
      () => true,
      async (entry) => {
        try {
          if (entry.repair === undefined) throw entry.error;
          const output = await ctx.dynamodb.send(new UpdateItemCommand(entry.repair));
          stats.undone++;
          stats.writeUnits += unitsOf(output);
        } catch (error) {
          failed.push({ ...entry, error });
        }
      },
    );
    pending = failed;
  }
  return [...cannotNegate, ...pending];
}
