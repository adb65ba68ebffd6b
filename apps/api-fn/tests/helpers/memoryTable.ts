// An in-memory table behind a mocked client: enough of DynamoDB for store's aggregate writer and the reports.
import {
  type BatchGetItemCommandInput,
  ConditionalCheckFailedException,
  type GetItemCommandInput,
  type QueryCommandInput,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { type Item, PARTITION_KEY, SORT_KEY } from '@footfall/core-model';

const s = (v: unknown): string => (v as { S?: string } | undefined)?.S ?? '';
const idOf = (key: Item): string => `${s(key[PARTITION_KEY])}\u0000${s(key[SORT_KEY])}`;
const copy = (item: Item): Item => structuredClone(item);

/** The one condition aggregate writes carry: a trie item's accounted size stays within its budget. */
const SIZE_CONDITION = /^attribute_not_exists\((#\w+)\) OR (#\w+) <= (:\w+)$/;
const KEY_CONDITION = /^(#\w+) = (:\w+) AND (#\w+) BETWEEN (:\w+) AND (:\w+)$/;

/**
 * Items by key, changed and read like DynamoDB would for the calls the aggregate writer and the reports make:
 * `ADD` updates (with the trie size condition), GetItem, BatchGetItem and key-range Queries. Anything else
 * throws, so a fake that silently answers wrong cannot hide a change of what the code sends.
 */
export class MemoryTable {
  private readonly byKey = new Map<string, Item>();

  constructor(items: readonly Item[] = []) {
    for (const item of items) this.byKey.set(idOf(item), copy(item));
  }

  /** Every item, sorted by key. */
  items(): Item[] {
    return [...this.byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, item]) => copy(item));
  }

  update(input: UpdateItemCommandInput): { Attributes?: Item } {
    const key = (input.Key ?? {}) as Item;
    const id = idOf(key);
    const old = this.byKey.get(id);
    const names = input.ExpressionAttributeNames ?? {};
    const values = input.ExpressionAttributeValues ?? {};
    if (input.ConditionExpression !== undefined) {
      const m = SIZE_CONDITION.exec(input.ConditionExpression);
      if (!m || m[1] !== m[2])
        throw new Error(`MemoryTable: unsupported condition ${input.ConditionExpression}`);
      const current = old?.[names[m[1] ?? ''] ?? ''];
      const limit = values[m[3] ?? '']?.N;
      if (current !== undefined && limit !== undefined && BigInt(current.N ?? '0') > BigInt(limit))
        throw new ConditionalCheckFailedException({
          message: 'The conditional request failed',
          $metadata: {},
          ...(input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && old ? { Item: copy(old) } : {}),
        });
    }
    const clause = /^ADD (.+)$/.exec(input.UpdateExpression ?? '');
    if (!clause) throw new Error(`MemoryTable: unsupported update ${input.UpdateExpression}`);
    const next: Item = old ? copy(old) : copy(key);
    for (const part of (clause[1] ?? '').split(', ')) {
      const [nameRef, valueRef] = part.split(' ');
      const name = names[nameRef ?? ''];
      const n = values[valueRef ?? '']?.N;
      if (name === undefined || n === undefined) throw new Error(`MemoryTable: unsupported ADD ${part}`);
      next[name] = { N: (BigInt(next[name]?.N ?? '0') + BigInt(n)).toString() };
    }
    this.byKey.set(id, next);
    if (input.ReturnValues === 'ALL_OLD') return old ? { Attributes: copy(old) } : {};
    if (input.ReturnValues === 'ALL_NEW') return { Attributes: copy(next) };
    return {};
  }

  get(input: GetItemCommandInput): { Item?: Item } {
    const item = this.byKey.get(idOf((input.Key ?? {}) as Item));
    return item ? { Item: copy(item) } : {};
  }

  batchGet(input: BatchGetItemCommandInput): { Responses: Record<string, Item[]> } {
    const responses: Record<string, Item[]> = {};
    for (const [tableName, request] of Object.entries(input.RequestItems ?? {}))
      responses[tableName] = (request.Keys ?? []).flatMap((k) => {
        const item = this.byKey.get(idOf(k as Item));
        return item ? [copy(item)] : [];
      });
    return { Responses: responses };
  }

  query(input: QueryCommandInput): Item[] {
    const m = KEY_CONDITION.exec(input.KeyConditionExpression ?? '');
    const names = input.ExpressionAttributeNames ?? {};
    const values = input.ExpressionAttributeValues ?? {};
    if (!m || names[m[1] ?? ''] !== PARTITION_KEY || names[m[3] ?? ''] !== SORT_KEY)
      throw new Error(`MemoryTable: unsupported key condition ${input.KeyConditionExpression}`);
    const partition = s(values[m[2] ?? '']);
    const from = s(values[m[4] ?? '']);
    const to = s(values[m[5] ?? '']);
    return this.items().filter(
      (i) => s(i[PARTITION_KEY]) === partition && s(i[SORT_KEY]) >= from && s(i[SORT_KEY]) <= to,
    );
  }
}
