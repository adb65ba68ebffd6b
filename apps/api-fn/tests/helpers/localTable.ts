// DynamoDB Local helpers for integration tests: a fresh template table per file, and a full snapshot of it.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Item } from '@footfall/core-model';
import { createTestTable, type TestTable } from '@footfall/dynamodb-local';
import { allItems, INTEGRATION_TIMEOUT_MS } from '@footfall/testing';

export { createTestTable, INTEGRATION_TIMEOUT_MS, type TestTable };

/** Every item of a table, sorted by key, for before/after comparisons (tests may Scan; the API never does). */
export const scanAll = (client: DynamoDBClient, tableName: string): Promise<Item[]> =>
  allItems({ dynamodb: client, tableName });
