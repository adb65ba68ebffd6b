// The function's settings, read once per container from its environment.
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import {
  type Env,
  type EnvError,
  envEndpoint,
  envTableName,
  type LogLevel,
  ok,
  parseLogLevel,
  type Result,
} from '@footfall/kernel';

/** Settings from the environment. */
export interface StreamConfig {
  tableName: string;
  /** A local DynamoDB (DynamoDB Local, `sam local`); absent in AWS. */
  endpoint?: string;
  logLevel: LogLevel;
  /** EMF namespace; empty turns the metrics off (the summary line is still logged). */
  metricsNamespace: string;
}

/** Reads TABLE_NAME (required), DYNAMODB_ENDPOINT, LOG_LEVEL and METRICS_NAMESPACE. */
export function readConfig(env: Env): Result<StreamConfig, EnvError> {
  const tableName = envTableName(env);
  if (!tableName.ok) return tableName;
  const endpoint = envEndpoint(env);
  if (!endpoint.ok) return endpoint;
  return ok({
    tableName: tableName.value,
    ...(endpoint.value === undefined ? {} : { endpoint: endpoint.value }),
    // A level it cannot read must not stop the counting (which a misconfigured function does): info then.
    logLevel: parseLogLevel(env.LOG_LEVEL),
    // Set but empty turns the metrics off; unset is the default namespace.
    metricsNamespace: env.METRICS_NAMESPACE?.trim() ?? 'Footfall',
  });
}

/**
 * DynamoDB client settings of the trigger. A throttled write is retried by the SDK with jittered backoff
 * (standard mode, 4 attempts: at most 1 + 2 + 4 s of throttling backoff), and a request that hangs is cut
 * after 2 s, so one write in flight takes at most ~15 s: less than the deadline margin, which must also
 * leave time for the undo of a failed batch.
 */
export function dynamodbClientConfig(endpoint?: string): DynamoDBClientConfig {
  return {
    maxAttempts: 4,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
    ...(endpoint === undefined ? {} : { endpoint }),
  };
}
