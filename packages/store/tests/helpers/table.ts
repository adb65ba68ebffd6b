// A fresh DynamoDB Local table per test, as store's functions take it, plus a look at every item in it.
import { createTestTable } from '@footfall/dynamodb-local';
import { allItems } from '@footfall/testing';
import type { Table } from '../../src';

export { allItems };

/** A test table and its cleanup. */
export async function freshTable(): Promise<Table & { cleanup: () => Promise<void> }> {
  const t = await createTestTable({ prefix: 'store' });
  return { dynamodb: t.client, tableName: t.tableName, cleanup: t.cleanup };
}
