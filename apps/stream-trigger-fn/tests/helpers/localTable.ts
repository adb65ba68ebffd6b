// A DynamoDB Local table in store's Table shape, and what tests read back: views, dead letters, stream.
import { type DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { decodeStoredView, type Item, type RawView, SORT_KEY, VIEW_SECTION } from '@footfall/core-model';
import { createTestTable, localClientConfig, readStream, toLambdaRecord } from '@footfall/dynamodb-local';
import { listDeadLetters, type Table } from '@footfall/store';
import type { DynamoDBRecord } from 'aws-lambda';

/** A fresh table: store's `Table` shape plus what the stream and cleanup need. */
export interface LocalTable extends Table {
  endpoint: string;
  streamArn: string | undefined;
  cleanup(): Promise<void>;
}

/** Creates a uniquely named table from template.yaml on the worker's DynamoDB Local. */
export async function localTable(prefix = 'trigger'): Promise<LocalTable> {
  const t = await createTestTable({ prefix });
  return {
    dynamodb: t.client,
    tableName: t.tableName,
    endpoint: t.endpoint,
    streamArn: t.streamArn,
    cleanup: t.cleanup,
  };
}

/** Every raw view item that holds a pageview, decoded: the ground truth the aggregates must match. */
export async function storedViews(client: DynamoDBClient, tableName: string): Promise<RawView[]> {
  const views: RawView[] = [];
  const pages = paginateScan(
    { client },
    {
      TableName: tableName,
      FilterExpression: '#s = :view',
      ExpressionAttributeNames: { '#s': SORT_KEY },
      ExpressionAttributeValues: { ':view': { S: VIEW_SECTION } },
      ConsistentRead: true,
    },
  );
  for await (const page of pages)
    for (const item of page.Items ?? []) {
      const v = decodeStoredView(item);
      if (!v.ok) throw v.error;
      // Engagement still waiting for its pageview is not a view yet.
      if (v.value.kind === 'view') views.push(v.value.view);
    }
  return views;
}

/** Every item of the table (tests only: the product never scans). */
export async function allItems(table: Table): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of paginateScan(
    { client: table.dynamodb },
    { TableName: table.tableName, ConsistentRead: true },
  ))
    items.push(...((page.Items ?? []) as Item[]));
  return items;
}

/** The dead letters an operator would list, failing the test on any that cannot be read. */
export async function deadLetters(table: Table) {
  const { letters, unreadable } = await listDeadLetters(table);
  if (unreadable.length > 0) throw new Error(`unreadable dead letters: ${JSON.stringify(unreadable)}`);
  return letters;
}

/** Every record now in the table's stream (after `fromSequence` if given), shaped as Lambda delivers them. */
export async function streamRecords(
  endpoint: string,
  streamArn: string | undefined,
  fromSequence?: string,
): Promise<DynamoDBRecord[]> {
  if (streamArn === undefined) throw new Error('the test table has no stream');
  const streams = new DynamoDBStreamsClient(localClientConfig(endpoint));
  try {
    const records = await readStream(streams, streamArn, fromSequence === undefined ? {} : { fromSequence });
    return records.map((r) => toLambdaRecord(r, streamArn));
  } finally {
    streams.destroy();
  }
}
