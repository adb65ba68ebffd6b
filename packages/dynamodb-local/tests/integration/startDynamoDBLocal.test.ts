// DynamoDB Local starts on a free port, persists to dbPath across restarts, and leaves no process behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  type GetItemCommandOutput,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { localClientConfig, startDynamoDBLocal } from '../../src';
import { processAlive } from '../helpers/processAlive';

describe('startDynamoDBLocal', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ddb-local-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  // One test, because every start costs a JVM boot: the restart is what proves both stop() and persistence.
  it('keeps data in dbPath across a restart, and stop() ends the java process', async () => {
    // Prepare
    const first = await startDynamoDBLocal({ dbPath: dir });
    const firstAlive = processAlive(first.pid);
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
    let got: GetItemCommandOutput | undefined;
    try {
      got = await reader.send(new GetItemCommand({ TableName: 'kept', Key: { id: { S: 'a' } } }));
    } finally {
      reader.destroy();
      await second.stop();
    }

    // Assess
    expect(got?.Item).toEqual({ id: { S: 'a' }, n: { N: '7' } });
    expect(first.port).toBeGreaterThan(0);
    expect(first.endpoint).toBe(`http://127.0.0.1:${first.port}`);
    expect(firstAlive).toBe(true);
    expect(processAlive(first.pid)).toBe(false);
    expect(processAlive(second.pid)).toBe(false);
  });
});
