// Creates the dev table from template.yaml (or keeps the one from an earlier run) and makes sure its stream is on.
import { DescribeTableCommand, type DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { createTableFromTemplate, readTableDefinition } from '@footfall/dynamodb-local';
import { DevstackError } from './errors';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Creates the template's table if missing, enables TTL, and turns its stream on if an older database had it off;
 * returns the stream ARN.
 * @example const streamArn = await prepareTable(client, { tableName: 'footfall', templatePath });
 */
export async function prepareTable(
  client: DynamoDBClient,
  options: { tableName: string; templatePath: string },
): Promise<string> {
  const definition = readTableDefinition(options.templatePath);
  const created = await createTableFromTemplate(client, { tableName: options.tableName, definition });
  if (created.streamArn !== undefined) return created.streamArn;
  const spec = definition.createTable.StreamSpecification;
  if (spec === undefined || !spec.StreamEnabled) {
    throw new DevstackError(
      'template.yaml declares no StreamSpecification on the table: the trigger cannot run',
    );
  }
  await client.send(new UpdateTableCommand({ TableName: options.tableName, StreamSpecification: spec }));
  for (let i = 0; i < 100; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: options.tableName }));
    if (Table?.LatestStreamArn !== undefined && Table.TableStatus === 'ACTIVE') return Table.LatestStreamArn;
    await sleep(100);
  }
  throw new DevstackError(`the stream of table ${options.tableName} did not become available`);
}
