// A fresh DynamoDB Local table per test, as store's functions take it, plus a look at every item in it.
import { paginateScan } from '@aws-sdk/client-dynamodb';
import type { Item } from '@footfall/core-model';
import { createTestTable } from '@footfall/dynamodb-local';
import type { Table } from '../../src';

/** A test table and its cleanup. */
export async function freshTable(): Promise<Table & { cleanup: () => Promise<void> }> {
  const t = await createTestTable({ prefix: 'store' });
  return { dynamodb: t.client, tableName: t.tableName, cleanup: t.cleanup };
}

/** Every item of the table (tests only: the product never scans). */
export async function allItems(table: Table): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of paginateScan({ client: table.dynamodb }, { TableName: table.tableName }))
    items.push(...(page.Items ?? []));
  return items;
}
