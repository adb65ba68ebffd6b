// SPEC §6's flood figures: ordinary views lost or counted more than 30 s after they were sent while a hostile
// client floods the site, and the largest aggregate item afterwards; on DynamoDB Local through the built Lambda
// bundles, the real stream and pnpm dev's stream poller with template.yaml's batching.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { decodeKey, viewIdOf } from '@footfall/core-model';
import { CheckpointStore, readDevTemplate, StreamPoller } from '@footfall/devstack';
import {
  createTableFromTemplate,
  findRepoRoot,
  LOCAL_REGION,
  localClientConfig,
  startDynamoDBLocal,
} from '@footfall/dynamodb-local';
import { replaceUser } from '@footfall/store';
import { sessionToken, testUser } from '@footfall/testing';
import { generateKey } from '@footfall/tokens';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { FloodSend } from './floodWorkload';
import { type BenchApi, type BenchTrigger, startApi, startTrigger } from './functions';
import { largestAggregateItem } from './replay';

export interface FloodResult {
  requests: number;
  ordinary: number;
  refused: number;
  /** Ordinary views never counted. */
  lost: number;
  /** Ordinary views counted more than 30 s after they were sent. */
  late: number;
  maxDelayMs: number;
  p95DelayMs: number;
  /** Reported views of the ordinary pages equal what was sent. */
  countsExact: boolean;
  mismatches: string[];
  largestItem: { bytes: number; section: string; items: number };
  seconds: number;
  /** Hostile custom events among the requests (distinct names and props). */
  events: number;
}

const BENCH_USER = { username: 'bench', createdAt: Date.UTC(2026, 0, 1), sessionEpoch: 0 };

/**
 * Sends the flood through api-fn at the pace its send times give (the rate a flood arrives at once API
 * Gateway's ingest throttle lets it through), while the stream poller delivers batches to the trigger with
 * template.yaml's batch size and window; records when each ordinary view's batch was applied.
 */
export async function measureFlood(
  sends: readonly FloodSend[],
  site: string,
  progress: (line: string) => void,
  inFlight = 8,
): Promise<FloodResult> {
  const started = Date.now();
  // Every send, the hostile custom events (distinct names and props) included.
  const sent = sends;
  const ddb = await startDynamoDBLocal();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-flood-'));
  const tableName = 'bench-flood';
  const client = new DynamoDBClient(localClientConfig(ddb.endpoint));
  const streams = new DynamoDBStreamsClient(localClientConfig(ddb.endpoint));
  let poller: StreamPoller | undefined;
  let api: BenchApi | undefined;
  let trigger: BenchTrigger | undefined;
  try {
    const { streamArn } = await createTableFromTemplate(client, { tableName });
    if (!streamArn) throw new Error('the template table has no stream');
    const key = generateKey();
    await replaceUser(
      { dynamodb: client, tableName: tableName },
      testUser(BENCH_USER.username, { createdAt: BENCH_USER.createdAt }),
    );
    const token = await sessionToken(BENCH_USER, key);
    api = await startApi({ tableName, endpoint: ddb.endpoint }, site, key);
    const ingestApi = api;

    // The trigger behind the poller, with the template's batch size, window and filter.
    const sentAt = new Map<string, number>();
    const countedAt = new Map<string, number>();
    trigger = await startTrigger({ tableName, endpoint: ddb.endpoint });
    const deliver = trigger.deliver;
    const template = readDevTemplate(join(findRepoRoot(), 'template.yaml'), {
      tableName,
      parameters: { AllowedSites: site, AllowedOrigins: 'http://localhost' },
    });
    if (!template.ok) throw template.error;
    const stream = template.value.stream;
    poller = new StreamPoller({
      client: streams,
      streamArn,
      region: LOCAL_REGION,
      settings: {
        ...stream,
        reportBatchItemFailures: stream.functionResponseTypes.includes('ReportBatchItemFailures'),
      },
      invoke: async (event: DynamoDBStreamEvent) => {
        const out = await deliver(event.Records);
        if (out.batchItemFailures.length === 0) {
          const now = Date.now();
          for (const r of event.Records) {
            const key = decodeKey(r.dynamodb?.Keys);
            const id = key.ok ? viewIdOf(key.value) : undefined;
            if (id && sentAt.has(id) && !countedAt.has(id)) countedAt.set(id, now);
          }
        }
        return { ok: true, value: out };
      },
      checkpoints: new CheckpointStore(join(dataDir, 'checkpoints'), streamArn),
      log: { debug: () => {}, info: () => {}, warn: progress, error: progress },
      pollIntervalMs: 100,
    });
    poller.start();

    let next = 0;
    let refused = 0;
    const t0 = Date.now();
    const first = sent[0]?.time ?? 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < sent.length) {
          const s = sent[next++] as FloodSend;
          const wait = t0 + (s.time - first) - Date.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const res = await ingestApi.request({
            method: 'POST',
            path: '/api/event',
            headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': s.userAgent },
            body: JSON.stringify(s.body),
          });
          if (s.ordinary) sentAt.set(s.body.id, Date.now());
          if (res.statusCode !== 202) refused++;
          if (next % 5000 === 0) progress(`flood: ${next} of ${sent.length} sent`);
        }
      }),
    );
    // Every ordinary view must be counted; wait at most a minute past the last send for the stragglers.
    const deadline = Date.now() + 60_000;
    while (countedAt.size < sentAt.size && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    await poller.stop();
    poller = undefined;

    const delays = [...sentAt].map(([id, t]) => (countedAt.get(id) ?? Number.POSITIVE_INFINITY) - t);
    const finite = delays.filter(Number.isFinite).sort((a, b) => a - b);
    const ordinary = sends.filter((s) => s.ordinary && s.kind === 'pageview') as (FloodSend & {
      kind: 'pageview';
    })[];
    const expected = new Map<string, number>();
    for (const s of ordinary) expected.set(s.body.path, (expected.get(s.body.path) ?? 0) + 1);
    const day = new Date(sent[0]?.time ?? Date.now()).toISOString().slice(0, 10);
    const res = await ingestApi.request({
      method: 'GET',
      path: '/api/stats/breakdown',
      query: {
        site,
        from: day,
        to: new Date().toISOString().slice(0, 10),
        dimension: 'page',
        limit: '1000',
      },
      headers: { authorization: `Bearer ${token}` },
    });
    const rows = new Map(
      ((JSON.parse(res.body ?? '{}').rows ?? []) as { value: string; views: number }[]).map((r) => [
        r.value,
        r.views,
      ]),
    );
    const mismatches = [...expected]
      .filter(([path, n]) => rows.get(path) !== n)
      .map(([path, n]) => `${path}: ${rows.get(path)} ≠ ${n}`);
    return {
      requests: sent.length,
      ordinary: sentAt.size,
      refused,
      lost: delays.length - finite.length,
      late: finite.filter((d) => d > 30_000).length,
      maxDelayMs: finite[finite.length - 1] ?? 0,
      p95DelayMs: finite[Math.ceil(finite.length * 0.95) - 1] ?? 0,
      countsExact: mismatches.length === 0,
      mismatches,
      largestItem: await largestAggregateItem(ddb.endpoint, tableName, site),
      seconds: (Date.now() - started) / 1000,
      events: sends.filter((s) => s.kind === 'event').length,
    };
  } finally {
    await poller?.stop();
    await api?.stop();
    await trigger?.stop();
    client.destroy();
    streams.destroy();
    await ddb.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
