// Counts what DynamoDB charges: sums ConsumedCapacity of every call a client makes, by operation.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { decodeKey } from '@footfall/core-model';

/** Running totals of consumed capacity, split by operation name. */
export class CapacityMeter {
  readonly writeUnits = new Map<string, number>();
  readonly readUnits = new Map<string, number>();
  /** Write units by the kind of item written: its Section up to the first `#` (`pg`, `ev`, `series`, `view`, …). */
  readonly writeUnitsByKind = new Map<string, number>();
  calls = 0;
  /** Writes refused by their condition: DynamoDB charges them (one unit for an item ≤ 1 KB) but reports nothing. */
  conditionalFailures = 0;

  get totalWrite(): number {
    return [...this.writeUnits.values()].reduce((a, b) => a + b, 0);
  }
  get totalRead(): number {
    return [...this.readUnits.values()].reduce((a, b) => a + b, 0);
  }
  reset(): void {
    this.writeUnits.clear();
    this.readUnits.clear();
    this.writeUnitsByKind.clear();
    this.calls = 0;
    this.conditionalFailures = 0;
  }
}

/** The kind of item a write names: its Section up to the first `#` (`unknown` for batch writes). */
function itemKind(input: Record<string, unknown>): string {
  const key = decodeKey(input.Key ?? input.Item);
  return key.ok ? (key.value.section.split('#')[0] ?? key.value.section) : 'unknown';
}

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);

/** Adds one answered call to the meter: `command` as the SDK names it (`PutItemCommand`), its input and output. */
export function recordCall(m: CapacityMeter, command: string, input: unknown, output: unknown): void {
  const consumed = (output as { ConsumedCapacity?: unknown } | undefined)?.ConsumedCapacity;
  const list = Array.isArray(consumed) ? consumed : [consumed];
  for (const c of list) {
    if (!c || typeof c !== 'object') continue;
    const units = Number((c as { CapacityUnits?: unknown }).CapacityUnits ?? 0);
    const target = WRITES.has(command) ? m.writeUnits : m.readUnits;
    target.set(command, (target.get(command) ?? 0) + units);
    if (WRITES.has(command)) {
      const kind = itemKind((input ?? {}) as Record<string, unknown>);
      m.writeUnitsByKind.set(kind, (m.writeUnitsByKind.get(kind) ?? 0) + units);
    }
  }
  m.calls += 1;
}

/**
 * Attaches a meter to a client: every command asks for `ReturnConsumedCapacity: TOTAL` and the answer's
 * units are added up, so the figures are what DynamoDB (Local) charged, not an estimate.
 */
export function meter(client: DynamoDBClient, m: CapacityMeter): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (
        input &&
        typeof input === 'object' &&
        !('ReturnConsumedCapacity' in input && input.ReturnConsumedCapacity)
      )
        input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      recordCall(m, context.commandName ?? 'unknown', input, result.output);
      return result;
    },
    { step: 'initialize', name: 'footfallCapacityMeter' },
  );
}
