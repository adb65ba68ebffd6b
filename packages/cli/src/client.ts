// The DynamoDB client and table of a CLI run: options first, then environment, then the SDK's own chain.
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { type Env, envEndpoint, envTableName } from '@footfall/kernel';
import type { Table } from '@footfall/store';
import type { CliOptions } from './args';
import { UsageError } from './errors';

/** Region and credentials of DynamoDB Local as the repository's tools use it (@footfall/dynamodb-local). */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** True for an endpoint on this machine (DynamoDB Local, `pnpm dev`'s stand-ins), which gets local settings. */
export const isLoopback = (endpoint: string): boolean => {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(endpoint).hostname);
  } catch {
    return false;
  }
};

/** Where a run reads and writes: store's Table (a client and a table name). */
export type Target = Table;

/** TABLE_NAME when `--table` names no table: the environment's one rule, refused as a usage error. */
function tableNameOf(env: Env): string {
  if (env.TABLE_NAME === undefined || env.TABLE_NAME.trim() === '')
    throw new UsageError('Name the table with --table or TABLE_NAME.');
  const table = envTableName(env);
  if (!table.ok) throw new UsageError(table.error.message);
  return table.value;
}

/**
 * Builds the client: `--endpoint`/DYNAMODB_ENDPOINT for DynamoDB Local (fake credentials and us-east-1
 * unless the environment names real ones), otherwise AWS with the SDK's normal region and credential chain.
 */
export function createTarget(options: CliOptions, env: Env): Target {
  const tableName = options.table ?? tableNameOf(env);
  const fromEnv = envEndpoint(env);
  if (!fromEnv.ok) throw new UsageError(fromEnv.error.message);
  const endpoint = options.endpoint ?? fromEnv.value;
  const config: DynamoDBClientConfig = {};
  if (options.region) config.region = options.region;
  if (endpoint) {
    config.endpoint = endpoint;
    if (isLoopback(endpoint)) {
      config.region ??= env.AWS_REGION || env.AWS_DEFAULT_REGION || LOCAL_REGION;
      if (!env.AWS_ACCESS_KEY_ID && !env.AWS_PROFILE) config.credentials = LOCAL_CREDENTIALS;
    }
  }
  return { dynamodb: new DynamoDBClient(config), tableName };
}

/** The SSM client of `key rotate`: `--region`, else the SDK's normal region and credential chain. */
export async function createSsmClient(options: CliOptions): Promise<SSMClient> {
  // Loaded here so that user and export commands do not load the SSM client.
  const { SSMClient } = await import('@aws-sdk/client-ssm');
  return new SSMClient(options.region ? { region: options.region } : {});
}
