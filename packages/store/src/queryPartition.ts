// Reads every item of one small partition with Query (the site list, the share links), following every page.
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { Item, QueryParts } from '@footfall/core-model';
import type { Table } from './table';

/** Upper bound on pages: these partitions hold a few KB; a runaway one stops instead of looping. */
const MAX_PAGES = 100;

/**
 * Queries every item `parts` selects, eventually consistent (half a read unit per 4 KB).
 * @example const { items, readUnits } = await queryPartition(table, sitesQuery());
 */
export async function queryPartition(
  table: Table,
  parts: QueryParts,
): Promise<{ items: Item[]; readUnits: number }> {
  const items: Item[] = [];
  let readUnits = 0;
  let startKey: Item | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await table.dynamodb.send(
      new QueryCommand({
        TableName: table.tableName,
        ...parts,
        ConsistentRead: false,
        ReturnConsumedCapacity: 'TOTAL',
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    readUnits += out.ConsumedCapacity?.CapacityUnits ?? 0;
    for (const item of out.Items ?? []) items.push(item);
    startKey = out.LastEvaluatedKey;
    if (!startKey) break;
  }
  return { items, readUnits };
}
