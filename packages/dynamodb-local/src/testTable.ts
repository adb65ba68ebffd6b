// One-call setup for Jest integration tests: a DynamoDB Local per worker and a fresh table per test.
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from './clientConfig';
import { createTableFromTemplate } from './createTable';
import { forgetProcessWide, processWide } from './hostProcess';
import { startDynamoDBLocal } from './startDynamoDBLocal';

/** A freshly created table on DynamoDB Local, with a client for it. */
export interface TestTable {
  client: DynamoDBClient;
  endpoint: string;
  tableName: string;
  streamArn: string | undefined;
  /** Deletes the table and destroys the client; the server stays up for the worker's next tests. */
  cleanup(): Promise<void>;
}

/** Options for createTestTable. */
export interface TestTableOptions {
  /** Prefix of the generated table name (default `test`). */
  prefix?: string;
  /** template.yaml to read; the repository's by default. */
  templatePath?: string;
}

const SHARED_KEY = 'shared-server';

/**
 * Returns the DynamoDB Local endpoint shared by this OS process: DYNAMODB_LOCAL_ENDPOINT if set, else one started on
 * first use. Jest runs many test files per worker process, so the handle lives on the host process (see
 * hostProcess) and the server runs until the worker exits, when the exit hook and the parent-death signal end it.
 */
export async function sharedEndpoint(): Promise<string> {
  const fromEnv = process.env.DYNAMODB_LOCAL_ENDPOINT;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const server = processWide(SHARED_KEY, () => {
    const started = startDynamoDBLocal();
    // A failed start must not poison later attempts.
    started.catch(() => forgetProcessWide(SHARED_KEY));
    return started;
  });
  return (await server).endpoint;
}

/** Creates a uniquely named table from template.yaml on the worker's in-memory DynamoDB Local. */
export async function createTestTable(options: TestTableOptions = {}): Promise<TestTable> {
  const endpoint = await sharedEndpoint();
  const client = new DynamoDBClient(localClientConfig(endpoint));
  const tableName = `${options.prefix ?? 'test'}-${randomUUID()}`;
  try {
    const { streamArn } = await createTableFromTemplate(client, {
      tableName,
      ...(options.templatePath === undefined ? {} : { templatePath: options.templatePath }),
    });
    return {
      client,
      endpoint,
      tableName,
      streamArn,
      cleanup: async () => {
        try {
          await client.send(new DeleteTableCommand({ TableName: tableName }));
        } finally {
          client.destroy();
        }
      },
    };
  } catch (error) {
    client.destroy();
    throw error;
  }
}
