// The Lambda entry point: one client and handler per container, configured from the environment.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLogger } from '@footfall/kernel';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { dynamodbClientConfig, readConfig } from './config';
import { createStreamHandler, retryWholeBatch, type StreamHandler } from './createStreamHandler';

const config = readConfig(process.env);
const log = createLogger({ level: config.ok ? config.value.logLevel : 'info' });

/** Without a table the batch cannot be counted: keep it in the stream (retry) rather than drop it. */
const misconfigured: StreamHandler = async (event) => {
  if (!config.ok) log.error('function misconfigured; batch left for retry', { error: config.error });
  const records = (event as { Records?: unknown } | null)?.Records;
  return retryWholeBatch(Array.isArray(records) ? records : []);
};

const impl: StreamHandler = config.ok
  ? createStreamHandler({
      tableName: config.value.tableName,
      dynamodb: new DynamoDBClient(dynamodbClientConfig(config.value.endpoint)),
      metricsNamespace: config.value.metricsNamespace,
      log,
    })
  : misconfigured;

/** Aggregates a DynamoDB stream batch; see docs/delivery.md for what is guaranteed. */
export const handler = (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> =>
  impl(event, context);
