// The built Lambda bundles (apps/*/dist) run as local functions, for tests that need the real handler: nothing
// outside an app may import it, so what it does is checked on what ships.
import { join } from 'node:path';
import { findRepoRoot, LOCAL_REGION } from '@footfall/dynamodb-local';
import { type InvokeOptions, LocalLambda } from '@footfall/local-lambda';
import type {
  APIGatewayProxyStructuredResultV2,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import { type HttpEventInput, httpEvent } from './httpEvent';

/** The two functions of template.yaml. */
export type BundleName = 'api-fn' | 'stream-trigger-fn';

/** A running bundle: invoke it, then stop it. */
export interface LocalFunction {
  lambda: LocalLambda;
  /** What the function logged, one line each (prefixed with its name). */
  lines: string[];
  stop(): Promise<void>;
}

/** The environment of a function on a DynamoDB Local table (the fixed credentials its tables live under). */
export function localFunctionEnv(
  table: { tableName: string; endpoint: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: table.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    LOG_LEVEL: 'error',
    ...extra,
  };
}

/**
 * Starts a built bundle (`pnpm build` makes them; turbo runs it before the tests that need one) with `env` as
 * its whole environment, in a worker thread as one Lambda execution environment.
 * @example const api = startBundle('api-fn', localFunctionEnv(table, { ALLOWED_SITES: 'example.com', AUTH_KEY }));
 */
export function startBundle(name: BundleName, env: Record<string, string>): LocalFunction {
  const lines: string[] = [];
  const lambda = new LocalLambda({
    name,
    bundlePath: join(findRepoRoot(), 'apps', name, 'dist', 'index.mjs'),
    exportName: 'handler',
    env,
    timeoutMs: 60_000,
    memoryMb: 256,
    region: LOCAL_REGION,
    output: (line) => lines.push(line),
  });
  return { lambda, lines, stop: () => lambda.stop() };
}

/** A response of the api-fn bundle. */
export type BundleResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
};

/**
 * Sends one HTTP request to a running api-fn bundle, built as API Gateway builds the event.
 * @example const res = await invokeApi(api, { method: 'GET', path: '/api/sites', headers: bearer });
 */
export async function invokeApi(
  fn: LocalFunction,
  input: HttpEventInput,
  options: InvokeOptions = {},
): Promise<BundleResponse> {
  const out = await fn.lambda.invoke(httpEvent(input), options);
  if (!out.ok) throw new Error(`api-fn failed: ${out.error.errorType}: ${out.error.errorMessage}`);
  return out.value as BundleResponse;
}

/**
 * Delivers one stream batch to a running stream-trigger-fn bundle.
 * @example const { batchItemFailures } = await invokeTrigger(trigger, streamEvent(records));
 */
export async function invokeTrigger(
  fn: LocalFunction,
  event: DynamoDBStreamEvent,
  options: InvokeOptions = {},
): Promise<DynamoDBBatchResponse> {
  const out = await fn.lambda.invoke(event, options);
  if (!out.ok) throw new Error(`stream-trigger-fn failed: ${out.error.errorType}: ${out.error.errorMessage}`);
  return out.value as DynamoDBBatchResponse;
}
