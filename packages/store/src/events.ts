// Raw event writes of ingest: one conditional PutItem per custom event, so a retried beacon counts once.
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { eventCreation, type RawEvent } from '@footfall/core-model';
import { isConditionalCheckFailed } from './awsErrors';
import type { Table } from './table';

/**
 * Stores one custom event on its own item (`event#<id>`), only if no event with that id was stored: a retry
 * is `duplicate` (still a success to the client) and writes nothing more. One write unit.
 * @example await recordEvent(table, enrichEvent(event, parseUserAgent(ua), Date.now(), 30));
 */
export async function recordEvent(
  table: Table,
  event: RawEvent,
): Promise<{ status: 'recorded' | 'duplicate'; writeUnits: number }> {
  try {
    const out = await table.dynamodb.send(
      new PutItemCommand({
        TableName: table.tableName,
        ...eventCreation(event),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    return { status: 'recorded', writeUnits: out.ConsumedCapacity?.CapacityUnits ?? 0 };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return { status: 'duplicate', writeUnits: 0 };
  }
}
