// A DynamoDB Local table in store's Table shape, and what tests read back: views, dead letters, stream.

import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTestTable } from '@footfall/dynamodb-local';
import { listDeadLetters, type Table } from '@footfall/store';
import { allItems, readStreamRecords, storedViews as storedViewsOf } from '@footfall/testing';

export { allItems };

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

/** The dead letters an operator would list, failing the test on any that cannot be read. */
export async function deadLetters(table: Table) {
  const { letters, unreadable } = await listDeadLetters(table);
  if (unreadable.length > 0) throw new Error(`unreadable dead letters: ${JSON.stringify(unreadable)}`);
  return letters;
}

/** Every raw view item that holds a pageview, decoded: the ground truth the aggregates must match. */
export const storedViews = (client: DynamoDBClient, tableName: string) =>
  storedViewsOf({ dynamodb: client, tableName });

/** Every record now in the table's stream (after `fromSequence` if given), shaped as Lambda delivers them. */
export const streamRecords = (endpoint: string, streamArn: string | undefined, fromSequence?: string) =>
  readStreamRecords({ endpoint, streamArn }, fromSequence);
