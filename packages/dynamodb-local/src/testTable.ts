// One-call setup for Jest integration tests: a DynamoDB Local per worker and a fresh table per test.
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from './clientConfig';
import { createTableFromTemplate } from './createTable';
import { type DynamoDBLocal, startDynamoDBLocal } from './startDynamoDBLocal';

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

/**
 * Jest gives each test file a fresh module registry but the same process, so the server handle is kept on a
 * process-wide symbol: one DynamoDB Local per Jest worker, started on first use, killed when the worker exits.
 */
const SHARED = Symbol.for('@footfall/dynamodb-local/shared-server');
type Holder = { [SHARED]?: Promise<DynamoDBLocal> };

/** Returns the DynamoDB Local endpoint shared by this worker: DYNAMODB_LOCAL_ENDPOINT if set, else one started here. */
export async function sharedEndpoint(): Promise<string> {
  const fromEnv = process.env.DYNAMODB_LOCAL_ENDPOINT;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const holder = process as unknown as Holder;
  let server = holder[SHARED];
  if (server === undefined) {
    server = startDynamoDBLocal();
    holder[SHARED] = server;
    // A failed start must not poison later attempts.
    server.catch(() => {
      if (holder[SHARED] === server) delete holder[SHARED];
    });
  }
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
