// Reads one item by key, strongly consistent: how users and sign-in throttles are read.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { Item, Key } from '@footfall/core-model';
import type { Table } from './table';

/** An item (undefined when there is none) and the read units it cost. */
export interface ReadItem {
  item: Item | undefined;
  readUnits: number;
}

/**
 * Reads the item under `key` with a strongly consistent GetItem (1 RCU for an item under 4 KB).
 * @example const { item } = await getItem(table, userKey('alice'));
 */
export async function getItem(table: Table, key: Key): Promise<ReadItem> {
  const out = await table.dynamodb.send(
    new GetItemCommand({
      TableName: table.tableName,
      Key: key,
      // An eventually consistent read could bring back a session epoch or a throttle from before a change.
      ConsistentRead: true,
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  return { item: out.Item, readUnits: out.ConsumedCapacity?.CapacityUnits ?? 0 };
}
