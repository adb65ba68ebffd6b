// A stream handler wired to a mocked DynamoDB client, a captured log and instant undo backoff.
import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { createStreamHandler, type StreamHandlerOptions } from '../../src';
import { captureLog } from './captureLog';
import { mockedDynamoDB } from './mockDynamoDB';

export const TABLE = 'footfall-test';

/** Builds a handler over a MemoryTable; `fail` picks the UpdateItem calls that are rejected. */
export function testHandler(
  fail?: (input: UpdateItemCommandInput, call: number) => boolean,
  options: Partial<StreamHandlerOptions> = {},
) {
  const db = mockedDynamoDB(fail);
  const captured = captureLog();
  const handler = createStreamHandler({
    tableName: TABLE,
    dynamodb: db.client,
    log: captured.log,
    sleep: async () => undefined,
    ...options,
  });
  return { handler, ...db, ...captured };
}
