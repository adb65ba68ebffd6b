// Reads items by key with BatchGetItem (100 keys a call), following unprocessed keys.
import { BatchGetItemCommand } from '@aws-sdk/client-dynamodb';
import { type Item, type Key, keyId, keyOf } from '@footfall/core-model';
import type { Table } from '../table';

/** Upper bound on retries of unprocessed keys (DynamoDB returns some under load). */
const MAX_ATTEMPTS = 8;

/**
 * Reads the items of `keys` (eventually consistent, like every report); absent items are simply not in the map.
 * @example const { items } = await getItems(table, [seriesKey(site, day)]);
 */
export async function getItems(
  table: Table,
  keys: readonly Key[],
): Promise<{ items: Map<string, Item>; readUnits: number }> {
  const items = new Map<string, Item>();
  let readUnits = 0;
  for (let i = 0; i < keys.length; i += 100) {
    let batch: Key[] = keys.slice(i, i + 100);
    for (let attempt = 0; batch.length > 0; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new Error('BatchGetItem kept keys unprocessed');
      if (attempt > 0)
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(1000, 50 * 2 ** attempt)));
      const out = await table.dynamodb.send(
        new BatchGetItemCommand({
          RequestItems: { [table.tableName]: { Keys: batch, ConsistentRead: false } },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      for (const c of out.ConsumedCapacity ?? []) readUnits += c.CapacityUnits ?? 0;
      for (const item of out.Responses?.[table.tableName] ?? []) {
        const key = keyOf(item);
        if (key) items.set(keyId(key), item);
      }
      batch = (out.UnprocessedKeys?.[table.tableName]?.Keys ?? []) as Key[];
    }
  }
  return { items, readUnits };
}
