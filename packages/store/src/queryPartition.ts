// Query, following every page: the one paging loop of store (small partitions here, report ranges in reports/).
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { Item, QueryParts } from '@footfall/core-model';
import type { Table } from './table';

/** Upper bound on pages of a small partition: it holds a few KB; a runaway one stops instead of looping. */
const PARTITION_MAX_PAGES = 100;

/**
 * Queries every item `parts` selects, page by page up to `maxPages` (so a runaway query cannot loop forever);
 * eventually consistent (half a read unit per 4 KB) unless `consistent` is asked for.
 * @example const { items, readUnits } = await queryPages(table, rangeQuery(range), { maxPages: 1000 });
 */
export async function queryPages(
  table: Table,
  parts: QueryParts,
  options: { consistent?: boolean; maxPages: number },
): Promise<{ items: Item[]; readUnits: number }> {
  const items: Item[] = [];
  let readUnits = 0;
  let startKey: Item | undefined;
  for (let page = 0; page < options.maxPages; page++) {
    const out = await table.dynamodb.send(
      new QueryCommand({
        TableName: table.tableName,
        ...parts,
        ConsistentRead: options.consistent === true,
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

/**
 * Queries every item of one small partition (the site list, the share links), eventually consistent.
 * @example const { items, readUnits } = await queryPartition(table, sitesQuery());
 */
export const queryPartition = (
  table: Table,
  parts: QueryParts,
): Promise<{ items: Item[]; readUnits: number }> =>
  queryPages(table, parts, { maxPages: PARTITION_MAX_PAGES });
