// The two Lambda functions as the bench runs them: their built bundles (apps/*/dist, what `sam deploy` ships), each
// in a local execution environment (a worker thread), reaching DynamoDB Local through a metering proxy.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableFromTemplate, localClientConfig, readTableDefinition } from '@footfall/dynamodb-local';
import {
  type BundleResponse,
  type HttpEventInput,
  invokeApi,
  invokeTrigger,
  type LocalFunction,
  localFunctionEnv,
  startBundle,
} from '@footfall/testing';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { CapacityMeter } from './capacity';
import { type MeteringProxy, startMeteringProxy } from './meteringProxy';

/** A running bundle and the meter of every DynamoDB call it makes. */
interface Running {
  fn: LocalFunction;
  proxy: MeteringProxy;
  /** Units of every call so far (reset it to meter a phase on its own). */
  meter: CapacityMeter;
  stop(): Promise<void>;
}

export interface BenchApi extends Running {
  /** One HTTP request, answered as API Gateway would pass it on; `clockMs` is the function's time for it. */
  request(input: HttpEventInput, clockMs?: number): Promise<BundleResponse>;
}

export interface BenchTrigger extends Running {
  /** One stream batch; `clockMs` is the function's time for it. */
  deliver(records: readonly DynamoDBRecord[], clockMs?: number): Promise<DynamoDBBatchResponse>;
}

/** Where a function's table is: its name and the DynamoDB Local it lives on. */
export interface BenchTable {
  tableName: string;
  endpoint: string;
}

async function start(
  name: 'api-fn' | 'stream-trigger-fn',
  table: BenchTable,
  env: Record<string, string>,
): Promise<Running> {
  const meter = new CapacityMeter();
  const proxy = await startMeteringProxy(table.endpoint, meter);
  const fn = startBundle(
    name,
    localFunctionEnv({ tableName: table.tableName, endpoint: proxy.endpoint }, env),
  );
  const warm = await fn.lambda.warm();
  if (!warm.ok) throw new Error(`${name} did not load: ${warm.error.errorMessage}`);
  return {
    fn,
    proxy,
    meter,
    stop: async () => {
      await fn.stop();
      await proxy.stop();
    },
  };
}

/**
 * Starts the api-fn bundle on `table` for `site`, signing sessions with `authKey` (Fernet key text).
 * @example const api = await startApi({ tableName, endpoint }, SITE, key); await api.request({ method: 'GET', … });
 */
export async function startApi(table: BenchTable, site: string, authKey: string): Promise<BenchApi> {
  const running = await start('api-fn', table, {
    ALLOWED_SITES: site,
    AUTH_KEY: authKey,
    TOKEN_TTL_SECONDS: '3600',
    RETENTION_DAYS: '30',
  });
  return {
    ...running,
    request: (input, clockMs) => invokeApi(running.fn, input, clockMs === undefined ? {} : { clockMs }),
  };
}

/**
 * Starts the stream-trigger-fn bundle on `table` (no metrics namespace: nothing reads CloudWatch here).
 * @example const trigger = await startTrigger({ tableName, endpoint }); await trigger.deliver(records);
 */
export async function startTrigger(table: BenchTable): Promise<BenchTrigger> {
  const running = await start('stream-trigger-fn', table, { METRICS_NAMESPACE: '' });
  return {
    ...running,
    deliver: (records, clockMs) =>
      invokeTrigger(running.fn, { Records: [...records] }, clockMs === undefined ? {} : { clockMs }),
  };
}

/**
 * Creates `tableName` as template.yaml defines it but without a stream (nothing reads it here, the trigger's own
 * writes are filtered out of it in production, and DynamoDB Local slows down as a stream grows), then starts the
 * trigger on it.
 * @example const trigger = await startTriggerOnNewTable({ tableName: 'bench-agg-100', endpoint });
 */
export async function startTriggerOnNewTable(table: BenchTable): Promise<BenchTrigger> {
  const definition = readTableDefinition();
  const client = new DynamoDBClient(localClientConfig(table.endpoint));
  const { StreamSpecification: _stream, ...withoutStream } = definition.createTable;
  await createTableFromTemplate(client, {
    tableName: table.tableName,
    definition: { ...definition, createTable: withoutStream },
  });
  client.destroy();
  return startTrigger(table);
}
