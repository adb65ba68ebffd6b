// DynamoDB Local tables of integration tests read back: every item, the stored views and events, the real stream.
import { type DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import {
  decodeRawEvent,
  decodeStoredView,
  EVENT_SECTION,
  type Item,
  type RawEvent,
  type RawView,
  SORT_KEY,
  VIEW_SECTION,
} from '@footfall/core-model';
import { localClientConfig, readStream, toLambdaRecord } from '@footfall/dynamodb-local';
import type { DynamoDBRecord } from 'aws-lambda';

/** Integration tests may start a JVM first (several seconds on a busy 2-core machine). */
export const INTEGRATION_TIMEOUT_MS = 60_000;

/** A table as tests hold it: store's `Table` shape (a client and a name). */
export interface TestTableRef {
  dynamodb: DynamoDBClient;
  tableName: string;
}

/**
 * Every item of a table, sorted by key, for before/after comparisons (tests may Scan; the API never does).
 * @example expect(await allItems(table)).toEqual(before);
 */
export async function allItems(table: TestTableRef): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of paginateScan(
    { client: table.dynamodb },
    { TableName: table.tableName, ConsistentRead: true },
  ))
    items.push(...((page.Items ?? []) as Item[]));
  return items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/**
 * Every raw view item that holds a pageview, decoded: the ground truth the aggregates must match.
 * @example const truth = reportFromViews(await storedViews(table));
 */
/** Every raw custom event item of a table (strongly consistent scan). */
export async function storedEvents(table: TestTableRef): Promise<RawEvent[]> {
  const events: RawEvent[] = [];
  const pages = paginateScan(
    { client: table.dynamodb },
    {
      TableName: table.tableName,
      FilterExpression: '#s = :event',
      ExpressionAttributeNames: { '#s': SORT_KEY },
      ExpressionAttributeValues: { ':event': { S: EVENT_SECTION } },
      ConsistentRead: true,
    },
  );
  for await (const page of pages)
    for (const item of page.Items ?? []) {
      const e = decodeRawEvent(item);
      if (!e.ok) throw e.error;
      events.push(e.value);
    }
  return events;
}

export async function storedViews(table: TestTableRef): Promise<RawView[]> {
  const views: RawView[] = [];
  const pages = paginateScan(
    { client: table.dynamodb },
    {
      TableName: table.tableName,
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

/**
 * Every record now in a table's real stream (after `fromSequence` when given), shaped as Lambda delivers them.
 * @example const records = await readStreamRecords(table);
 */
export async function readStreamRecords(
  table: { endpoint: string; streamArn: string | undefined },
  fromSequence?: string,
): Promise<DynamoDBRecord[]> {
  const arn = table.streamArn;
  if (arn === undefined) throw new Error('the test table has no stream');
  const streams = new DynamoDBStreamsClient(localClientConfig(table.endpoint));
  try {
    const raw = await readStream(streams, arn, fromSequence === undefined ? {} : { fromSequence });
    return raw.map((r) => toLambdaRecord(r, arn));
  } finally {
    streams.destroy();
  }
}
