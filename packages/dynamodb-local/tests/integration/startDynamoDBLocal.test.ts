// DynamoDB Local starts, answers, persists to dbPath across restarts, and leaves no process behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { localClientConfig, startDynamoDBLocal } from '../../src';
import { processAlive } from '../helpers/processAlive';

describe('startDynamoDBLocal', () => {
  it('answers on a free port and is gone after stop()', async () => {
    // Act
    const local = await startDynamoDBLocal();
    const client = new DynamoDBClient(localClientConfig(local.endpoint));
    try {
      const tables = await client.send(new ListTablesCommand({}));

      // Assess
      expect(local.port).toBeGreaterThan(0);
      expect(local.endpoint).toBe(`http://127.0.0.1:${local.port}`);
      expect(tables.TableNames).toEqual([]);
      expect(processAlive(local.pid)).toBe(true);
    } finally {
      client.destroy();
      await local.stop();
    }
    expect(processAlive(local.pid)).toBe(false);
  });

  it('keeps data in dbPath across a restart', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'ddb-local-'));
    try {
      const first = await startDynamoDBLocal({ dbPath: dir });
      const writer = new DynamoDBClient(localClientConfig(first.endpoint));
      try {
        await writer.send(
          new CreateTableCommand({
            TableName: 'kept',
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            BillingMode: 'PAY_PER_REQUEST',
          }),
        );
        await writer.send(new PutItemCommand({ TableName: 'kept', Item: { id: { S: 'a' }, n: { N: '7' } } }));
      } finally {
        writer.destroy();
        await first.stop();
      }

      // Act
      const second = await startDynamoDBLocal({ dbPath: dir });
      const reader = new DynamoDBClient(localClientConfig(second.endpoint));
      try {
        const got = await reader.send(new GetItemCommand({ TableName: 'kept', Key: { id: { S: 'a' } } }));

        // Assess
        expect(got.Item).toEqual({ id: { S: 'a' }, n: { N: '7' } });
      } finally {
        reader.destroy();
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
