// Warm invocation time of the built bundles with every DynamoDB call answered at once by a stub HTTP server: the
// handlers' own work (parsing, validation, enrichment, planning, signing and encoding requests), no database time.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKey } from '@footfall/tokens';
import type { DynamoDBRecord } from 'aws-lambda';
import { startApi, startTrigger } from './functions';
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

/** A DynamoDB endpoint that answers every call at once with success and one consumed unit. */
async function stubDynamoDB(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const body = JSON.stringify({ ConsumedCapacity: { TableName: 'bench', CapacityUnits: 1 } });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': body.length });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Times `iterations` warm invocations of the ingest handler (a pageview) and of the trigger (100 records). */
export async function measureCpu(
  pageviews: readonly PageviewSend[],
  records: readonly DynamoDBRecord[],
  iterations = 2000,
): Promise<CpuResult> {
  const stub = await stubDynamoDB();
  const table = { tableName: 'bench', endpoint: stub.endpoint };
  const api = await startApi(table, 'example.com', generateKey());
  const trigger = await startTrigger(table);
  try {
    const requests = pageviews.slice(0, 200).map((s) => ({
      method: 'POST' as const,
      path: '/api/event',
      headers: { 'content-type': 'text/plain', 'user-agent': s.userAgent },
      body: JSON.stringify(s.body),
    }));
    const ingest: number[] = [];
    for (let i = 0; i < iterations + 200; i++) {
      const request = requests[i % requests.length];
      if (!request) break;
      const t = performance.now();
      await api.request(request);
      if (i >= 200) ingest.push(performance.now() - t);
    }
    const batch = records.slice(0, 100);
    const agg: number[] = [];
    const triggerIterations = Math.max(200, Math.floor(iterations / 4));
    for (let i = 0; i < triggerIterations + 20; i++) {
      const t = performance.now();
      await trigger.deliver(batch);
      if (i >= 20) agg.push(performance.now() - t);
    }
    return { iterations, ingest: stats(ingest), trigger100: stats(agg) };
  } finally {
    await api.stop();
    await trigger.stop();
    await stub.stop();
  }
}
