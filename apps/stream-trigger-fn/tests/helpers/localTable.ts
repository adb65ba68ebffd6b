// Reads a DynamoDB Local table back for assertions: raw views, aggregate items by range, the stream.
import { type DynamoDBClient, paginateQuery, paginateScan } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import {
  decodeRawView,
  type Item,
  PARTITION_KEY,
  type RawView,
  type SectionRange,
  SORT_KEY,
  VIEW_SECTION,
} from '@footfall/core-model';
import { localClientConfig, readStream, toLambdaRecord } from '@footfall/dynamodb-local';
import type { DynamoDBRecord } from 'aws-lambda';
import type { SectionSource } from './aggregateReport';

/** Every raw view item in the table, decoded: the ground truth the aggregates must match. */
export async function storedViews(client: DynamoDBClient, tableName: string): Promise<RawView[]> {
  const views: RawView[] = [];
  const pages = paginateScan(
    { client },
    {
      TableName: tableName,
      FilterExpression: '#s = :view',
      ExpressionAttributeNames: { '#s': SORT_KEY },
      ExpressionAttributeValues: { ':view': { S: VIEW_SECTION } },
    },
  );
  for await (const page of pages)
    for (const item of page.Items ?? []) {
      const v = decodeRawView(item);
      if (!v.ok) throw v.error;
      views.push(v.value);
    }
  return views;
}

/** A SectionSource that queries the table, as api-fn's reports do. */
export function querySource(client: DynamoDBClient, tableName: string): SectionSource {
  return async (range: SectionRange) => {
    const items: Item[] = [];
    const pages = paginateQuery(
      { client },
      {
        TableName: tableName,
        KeyConditionExpression: '#p = :p AND #s BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#p': PARTITION_KEY, '#s': SORT_KEY },
        ExpressionAttributeValues: {
          ':p': { S: range.partition },
          ':from': { S: range.from },
          ':to': { S: range.to },
        },
      },
    );
    for await (const page of pages) items.push(...((page.Items ?? []) as Item[]));
    return items;
  };
}

/** Every record now in the table's stream, shaped as Lambda delivers them. */
export async function streamRecords(
  endpoint: string,
  streamArn: string | undefined,
): Promise<DynamoDBRecord[]> {
  if (streamArn === undefined) throw new Error('the test table has no stream');
  const streams = new DynamoDBStreamsClient(localClientConfig(endpoint));
  try {
    return (await readStream(streams, streamArn)).map((r) => toLambdaRecord(r, streamArn));
  } finally {
    streams.destroy();
  }
}
