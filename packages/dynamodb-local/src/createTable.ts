// Creates a table from template.yaml's definition on a (local) DynamoDB and waits until it can be used.
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TableSetupError } from './errors';
import { readTableDefinition, type TableDefinition } from './templateTable';

/** Which table to create, and from which definition. */
export interface CreateTableOptions {
  tableName: string;
  /** template.yaml to read; the repository's by default. */
  templatePath?: string;
  /** An already-read definition; takes precedence over templatePath. */
  definition?: TableDefinition;
  /** How long to wait for ACTIVE, in ms (default 10 000). */
  timeoutMs?: number;
}

/** The created table. */
export interface CreatedTable {
  tableName: string;
  /** Latest stream ARN, or undefined when the template declares no stream. */
  streamArn: string | undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates the template's table under `tableName` (fine if it exists), waits for ACTIVE and enables TTL. */
export async function createTableFromTemplate(
  client: DynamoDBClient,
  options: CreateTableOptions,
): Promise<CreatedTable> {
  const { tableName } = options;
  const definition = options.definition ?? readTableDefinition(options.templatePath);
  try {
    await client.send(new CreateTableCommand({ ...definition.createTable, TableName: tableName }));
  } catch (error) {
    // Idempotent: a table of that name is reused as it is (persisted dev databases keep theirs).
    if (!(error instanceof ResourceInUseException)) throw error;
  }

  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let streamArn: string | undefined;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') {
      streamArn = Table.LatestStreamArn;
      break;
    }
    if (Date.now() > deadline) {
      throw new TableSetupError(`table ${tableName} not ACTIVE after ${options.timeoutMs ?? 10_000} ms`);
    }
    await sleep(50);
  }

  if (definition.timeToLive?.Enabled) {
    try {
      await client.send(
        new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: definition.timeToLive }),
      );
    } catch (error) {
      // Re-enabling TTL on an existing table is rejected as a ValidationException; the setting is already in place.
      if (
        !(
          error instanceof Error &&
          error.name === 'ValidationException' &&
          /already enabled/i.test(error.message)
        )
      ) {
        throw error;
      }
    }
  }
  return { tableName, streamArn };
}
