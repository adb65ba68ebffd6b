// SDK client settings for DynamoDB Local: fixed region and fake credentials, so tests never touch real AWS.
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/** Region every local client uses; without -sharedDb DynamoDB Local keeps tables per region and key. */
export const LOCAL_REGION = 'us-east-1';

/** Client configuration for a DynamoDB Local endpoint (works for DynamoDBClient and DynamoDBStreamsClient). */
export function localClientConfig(endpoint: string) {
  return {
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  } satisfies DynamoDBClientConfig;
}
