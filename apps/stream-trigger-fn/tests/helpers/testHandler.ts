// A stream handler over a DynamoDB Local table via a mockable client, a captured log, instant backoff.
import { createStreamHandler, type StreamHandlerOptions } from '../../src';
import { captureLog } from './captureLog';
import type { LocalTable } from './localTable';
import { type FailRule, mockedDynamoDB } from './mockDynamoDB';

/** Builds a handler over `table`; `fail` picks the calls that are rejected instead of sent. */
export function testHandler(table: LocalTable, fail?: FailRule, options: Partial<StreamHandlerOptions> = {}) {
  const db = mockedDynamoDB(table, fail);
  const captured = captureLog();
  const handler = createStreamHandler({
    tableName: table.tableName,
    dynamodb: db.client,
    log: captured.log,
    sleep: async () => undefined,
    ...options,
  });
  return { handler, ...db, ...captured };
}
