// DynamoDB Local helpers for integration tests: a fresh template table per file, and a full snapshot of it.
import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Item } from '@footfall/core-model';
import { createTestTable, type TestTable } from '@footfall/dynamodb-local';

/** Integration tests may start a JVM first (several seconds on a busy 2-core machine). */
export const INTEGRATION_TIMEOUT_MS = 60_000;

export { createTestTable, type TestTable };

/** Every item of a table, sorted by key, for before/after comparisons (tests may Scan; the API never does). */
export async function scanAll(client: DynamoDBClient, tableName: string): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  for (let page = 0; page < 100; page++) {
    const out = await client.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
    if (!startKey) break;
  }
  return items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}
