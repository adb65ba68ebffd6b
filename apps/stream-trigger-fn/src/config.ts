// The function's settings, read once per container from its environment.
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { err, ok, type Result } from '@footfall/kernel';
import { ConfigError } from './errors';
import { type LogLevel, parseLogLevel } from './log';

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
export function readConfig(env: Record<string, string | undefined>): Result<StreamConfig, ConfigError> {
  const tableName = env.TABLE_NAME?.trim() ?? '';
  if (!/^[a-zA-Z0-9_.-]{3,255}$/.test(tableName))
    return err(new ConfigError('TABLE_NAME', tableName === '' ? 'not set' : 'not a table name'));
  const endpoint = env.DYNAMODB_ENDPOINT?.trim() ?? '';
  if (endpoint !== '' && !/^https?:\/\/\S+$/.test(endpoint))
    return err(new ConfigError('DYNAMODB_ENDPOINT', 'not an http(s) URL'));
  return ok({
    tableName,
    ...(endpoint === '' ? {} : { endpoint }),
    logLevel: parseLogLevel(env.LOG_LEVEL),
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
