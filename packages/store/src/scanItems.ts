// Reads a whole table page by page with Scan: for admin commands and tools, never for the API's requests.
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Item } from '@footfall/core-model';
import type { Table } from './table';

/** Upper bound on Scan pages (1 MB each): a runaway scan stops instead of looping forever. */
const MAX_PAGES = 100_000;

/**
 * Yields every item of the table, one Scan page at a time, so a large table never sits in memory whole
 * (the original system's table when importing it, every aggregate when the benchmark sizes them).
 * @example for await (const items of scanItems(table)) for (const item of items) fold.add(item);
 */
export async function* scanItems(table: Table): AsyncGenerator<Item[]> {
  let startKey: Item | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await table.dynamodb.send(
      new ScanCommand({ TableName: table.tableName, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
    );
    yield out.Items ?? [];
    startKey = out.LastEvaluatedKey;
    if (!startKey) break;
  }
}
