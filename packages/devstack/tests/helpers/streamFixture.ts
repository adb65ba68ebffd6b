// Shared setup for poller tests: items written to a fresh template table and a recording fake trigger.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { localClientConfig } from '@footfall/dynamodb-local';
import type { InvokeResult } from '@footfall/local-lambda';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { PollerSettings } from '../../src/streamPoller';

/** Settings with Lambda's defaults and no filter; tests override what they exercise. */
export const baseSettings: PollerSettings = {
  batchSize: 100,
  maximumBatchingWindowInSeconds: 0,
  filterPatterns: [],
  bisectBatchOnFunctionError: false,
  maximumRetryAttempts: -1,
  maximumRecordAgeInSeconds: -1,
  reportBatchItemFailures: false,
};

/** A new empty directory for checkpoints. */
export function tempDir(prefix = 'devstack-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A streams client for the table's endpoint. */
export function streamsClient(endpoint: string): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient(localClientConfig(endpoint));
}

/** Writes items with the given partition keys and sections, in order, 25 per request. */
export async function putItems(
  client: DynamoDBClient,
  tableName: string,
  keys: readonly { path: string; section: string }[],
): Promise<void> {
  for (let i = 0; i < keys.length; i += 25) {
    const chunk = keys.slice(i, i + 25);
    await client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [tableName]: chunk.map((k) => ({
            PutRequest: { Item: { Path: { S: k.path }, Section: { S: k.section } } },
          })),
        },
      }),
    );
  }
}

/** The partition key of a delivered record. */
export const pathOf = (record: DynamoDBRecord): string => record.dynamodb?.Keys?.Path?.S ?? '?';

/** A fake trigger: records every event and answers with what `respond` returns (or throws). */
export function recordingTrigger(
  respond: (event: DynamoDBStreamEvent, call: number) => unknown = () => undefined,
) {
  const calls: DynamoDBRecord[][] = [];
  const invoke = async (event: DynamoDBStreamEvent): Promise<InvokeResult> => {
    calls.push(event.Records);
    try {
      return { ok: true, value: respond(event, calls.length) };
    } catch (error) {
      return { ok: false, error: { errorType: 'Error', errorMessage: String(error) } };
    }
  };
  return { calls, invoke };
}

/** Polls `condition` every 50 ms until it holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(condition: () => boolean, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}
