// Warm per-invocation CPU time of the handlers with DynamoDB answered in-process (no network).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createApiHandler } from '@footfall/api-fn';
import { createLogger } from '@footfall/kernel';
import { createStreamHandler } from '@footfall/stream-trigger-fn';
import { httpEvent, lambdaContext } from '@footfall/testing';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { PageviewSend } from './workload';

export interface CpuResult {
  iterations: number;
  ingest: { medianMs: number; p99Ms: number };
  trigger100: { medianMs: number; p99Ms: number };
}

function stats(xs: number[]): { medianMs: number; p99Ms: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { medianMs: at(0.5), p99Ms: at(0.99) };
}

/** Times `iterations` warm invocations of the ingest handler (a pageview) and of the trigger (100 records). */
export async function measureCpu(
  pageviews: readonly PageviewSend[],
  records: readonly DynamoDBRecord[],
  iterations = 2000,
): Promise<CpuResult> {
  const client = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  const mock = mockClient(client);
  mock.onAnyCommand().resolves({ ConsumedCapacity: { TableName: 'bench', CapacityUnits: 1 } });
  const api = createApiHandler({
    config: {
      tableName: 'bench',
      allowedSites: ['example.com'],
      allowedOrigins: [],
      authKey: { kind: 'none' },
      tokenTtlSeconds: 3600,
      retentionDays: 30,
      logLevel: 'error',
    },
    dynamodb: client,
    logSink: () => {},
  });
  const events = pageviews.slice(0, 200).map((s) =>
    httpEvent({
      method: 'POST',
      path: '/api/event',
      headers: { 'content-type': 'text/plain', 'user-agent': s.userAgent },
      body: JSON.stringify(s.body),
    }),
  );
  const ingest: number[] = [];
  for (let i = 0; i < iterations + 200; i++) {
    const event = events[i % events.length];
    if (!event) break;
    const t = performance.now();
    await api(event, lambdaContext());
    if (i >= 200) ingest.push(performance.now() - t);
  }
  const trigger = createStreamHandler({
    tableName: 'bench',
    dynamodb: client,
    metricsNamespace: '',
    log: createLogger({ level: 'error', sink: () => {} }),
  });
  const batch = { Records: records.slice(0, 100) as DynamoDBRecord[] };
  const agg: number[] = [];
  const triggerIterations = Math.max(200, Math.floor(iterations / 4));
  for (let i = 0; i < triggerIterations + 20; i++) {
    const t = performance.now();
    await trigger(batch, lambdaContext());
    if (i >= 20) agg.push(performance.now() - t);
  }
  mock.restore();
  return { iterations, ingest: stats(ingest), trigger100: stats(agg) };
}
