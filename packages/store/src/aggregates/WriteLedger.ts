// Sends a batch's aggregate writes and remembers every one that landed, so the whole batch can be taken back.
import {
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
  type UpdateItemCommandInput,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { type Item, type Key, negatedCounterUpdate } from '@footfall/core-model';
import { isConditionalCheckFailed, isPermanentAwsError } from '../awsErrors';
import { runBounded } from '../runBounded';

/** How one write ended. */
export type WriteResult =
  | { kind: 'ok'; output: UpdateItemCommandOutput }
  /** The size condition failed; `item` is the item as it stood (ReturnValuesOnConditionCheckFailure). */
  | { kind: 'condition'; item: Item | undefined }
  /** DynamoDB refused the request itself (ValidationException): retrying cannot help. */
  | { kind: 'permanent'; error: unknown }
  /** Throttling, a 5xx, a timeout: the batch must be retried. */
  | { kind: 'transient'; error: unknown };

/** A write that landed and how to take it back. */
interface Landed {
  key: Key;
  /** The forward write, for the log of a double fault. */
  input: UpdateItemCommandInput | { put: Key };
  /** The UpdateItem that takes it back (what an operator replays after a double fault), if it is an update. */
  repair: UpdateItemCommandInput | undefined;
  undo: () => Promise<number>;
}

/** A landed write whose undo failed: the batch's retry will count it a second time. */
export interface Unreverted {
  applied: UpdateItemCommandInput | { put: Key };
  /** What an operator replays to repair it (an UpdateItem input), when it is a counter update. */
  repair: UpdateItemCommandInput | undefined;
  error: unknown;
}

/** Counts for the invocation's metrics line. */
export interface LedgerStats {
  /** Forward writes that landed (updates and dead-letter puts). */
  itemsWritten: number;
  /** Undo writes that landed. */
  undone: number;
  /** Write units of every landed call, forward and undo, from ReturnConsumedCapacity. */
  writeUnits: number;
  /** Writes refused by their size condition (each is charged one write unit: trie items are ≤ 1 KB). */
  conditionalFailures: number;
}

function unitsOf(output: { ConsumedCapacity?: { CapacityUnits?: number | undefined } | undefined }): number {
  const units = output.ConsumedCapacity?.CapacityUnits;
  return typeof units === 'number' && Number.isFinite(units) ? units : 0;
}

/** Backoff between undo rounds: 100 ms doubling, capped at 1 s, with full jitter. */
const undoBackoff = (round: number): number => Math.random() * Math.min(1000, 100 * 2 ** round);

/** What the ledger needs from the invocation around it. */
export interface LedgerContext {
  dynamodb: DynamoDBClient;
  tableName: string;
  /** Most calls in flight at once. */
  concurrency: number;
  /** Remaining invocation time; undo keeps retrying until this drops below `undoFloorMs`. */
  remainingMs: () => number;
  undoRounds: number;
  undoFloorMs: number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * The writes of one batch. Every landed write is recorded with its inverse, so `undoAll` can take the batch
 * back exactly (ADD commutes: the inverse is right even when other writers changed the item in between).
 * @example const ledger = new WriteLedger(ctx); await ledger.update(input, adds); await ledger.undoAll();
 */
export class WriteLedger {
  readonly stats: LedgerStats = { itemsWritten: 0, undone: 0, writeUnits: 0, conditionalFailures: 0 };
  private readonly landed: Landed[] = [];

  constructor(private readonly ctx: LedgerContext) {}

  /**
   * Sends one counter update; `adds` are the counters it changes (what an undo negates), unless `undoOf` names the
   * undo from what the write returned (a conversion registry write releases only the entries it claimed).
   */
  async update(
    input: UpdateItemCommandInput,
    adds: ReadonlyMap<string, bigint>,
    undoOf?: (output: UpdateItemCommandOutput) => UpdateItemCommandInput | undefined,
  ): Promise<WriteResult> {
    try {
      const output = await this.ctx.dynamodb.send(new UpdateItemCommand(input));
      this.stats.itemsWritten++;
      this.stats.writeUnits += unitsOf(output);
      const key = input.Key as Key;
      const repair = undoOf ? undoOf(output) : negatedCounterUpdate(this.ctx.tableName, key, adds);
      this.landed.push({
        key,
        input,
        repair,
        undo: async () => {
          if (!repair) return 0;
          return unitsOf(await this.ctx.dynamodb.send(new UpdateItemCommand(repair)));
        },
      });
      return { kind: 'ok', output };
    } catch (error) {
      return this.classify(error);
    }
  }

  /** Puts a new item (a dead letter); its undo deletes it. */
  async put(key: Key, item: Record<string, NonNullable<Item[string]>>): Promise<WriteResult> {
    try {
      const output = await this.ctx.dynamodb.send(
        new PutItemCommand({ TableName: this.ctx.tableName, Item: item, ReturnConsumedCapacity: 'TOTAL' }),
      );
      this.stats.itemsWritten++;
      this.stats.writeUnits += unitsOf(output);
      this.landed.push({
        key,
        input: { put: key },
        repair: undefined,
        undo: async () =>
          unitsOf(
            await this.ctx.dynamodb.send(
              new DeleteItemCommand({
                TableName: this.ctx.tableName,
                Key: key,
                ReturnConsumedCapacity: 'TOTAL',
              }),
            ),
          ),
      });
      return { kind: 'ok', output: { $metadata: {} } };
    } catch (error) {
      return this.classify(error);
    }
  }

  private classify(error: unknown): WriteResult {
    if (isConditionalCheckFailed(error)) {
      this.stats.conditionalFailures++;
      this.stats.writeUnits += 1;
      return { kind: 'condition', item: (error as { Item?: Item }).Item };
    }
    if (isPermanentAwsError(error)) return { kind: 'permanent', error };
    return { kind: 'transient', error };
  }

  /** Writes that landed so far. */
  get landedCount(): number {
    return this.landed.length;
  }

  /**
   * Takes back every landed write, in rounds with backoff, until all are undone or time runs short; returns
   * the ones that stay applied (a double fault, logged by the caller with their repairs).
   */
  async undoAll(): Promise<Unreverted[]> {
    let pending = this.landed.splice(0);
    let failures: { entry: Landed; error: unknown }[] = [];
    for (let round = 0; round < this.ctx.undoRounds && pending.length > 0; round++) {
      if (round > 0) {
        if (this.ctx.remainingMs() < this.ctx.undoFloorMs) break;
        await this.ctx.sleep(undoBackoff(round));
      }
      failures = [];
      await runBounded(
        pending,
        this.ctx.concurrency,
        () => true,
        async (entry) => {
          try {
            this.stats.writeUnits += await entry.undo();
            this.stats.undone++;
          } catch (error) {
            failures.push({ entry, error });
          }
        },
      );
      pending = failures.map((f) => f.entry);
    }
    return failures
      .filter((f) => pending.includes(f.entry))
      .map(({ entry, error }) => ({ applied: entry.input, repair: entry.repair, error }));
  }
}
