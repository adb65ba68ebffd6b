// Write and read units of the reference workload, measured on DynamoDB Local through the built Lambda bundles.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import {
  createTableFromTemplate,
  localClientConfig,
  readStream,
  startDynamoDBLocal,
  toLambdaRecord,
} from '@footfall/dynamodb-local';
import { replaceUser } from '@footfall/store';
import { sessionToken, testUser } from '@footfall/testing';
import { generateKey } from '@footfall/tokens';
import type { DynamoDBRecord } from 'aws-lambda';
import { type BenchApi, startApi, startTriggerOnNewTable } from './functions';
import { type GroundTruth, groundTruth } from './groundTruth';
import { triggerRecords } from './streamFilter';
import type { Send } from './workload';

export interface UnitsResult {
  views: number;
  engagementEvents: number;
  streamRecords: number;
  ingestWriteUnits: number;
  ingestMsPerRequest: number;
  batches: {
    batchSize: number;
    invocations: number;
    aggregationWriteUnits: number;
    writeUnitsPerView: number;
    ingestPerView: number;
    aggregationPerView: number;
    msPerInvocation: number;
    countsMatch: boolean;
    mismatches: string[];
  }[];
  dashboardReadUnits: number;
  dashboardReadDetail: Record<string, number>;
  /** The first stream records, for the CPU benchmark. */
  sampleRecords: DynamoDBRecord[];
}

const SITE = 'example.com';

/** The reports run as this user; api-fn checks each token against its user item (revocation). */
const BENCH_USER = { username: 'bench', createdAt: Date.UTC(2026, 0, 1), sessionEpoch: 0 };

const progress = (line: string) => console.error(`bench: ${line}`);

async function getJson(api: BenchApi, token: string, path: string, query: Record<string, string>) {
  const r = await api.request({ method: 'GET', path, query, headers: { authorization: `Bearer ${token}` } });
  if (r.statusCode !== 200) throw new Error(`GET ${path} → ${r.statusCode}: ${r.body}`);
  return JSON.parse(r.body ?? '{}');
}

/** Compares the reports of one aggregate table with the ground truth; returns the differences. */
async function verify(
  api: BenchApi,
  token: string,
  truth: GroundTruth,
  from: string,
  to: string,
): Promise<string[]> {
  const out: string[] = [];
  const ts = await getJson(api, token, '/api/stats/timeseries', { site: SITE, from, to, interval: 'day' });
  const expect = (what: string, got: number, want: number) => {
    if (got !== want) out.push(`${what}: got ${got}, want ${want}`);
  };
  expect('views', ts.totals.views, truth.views);
  expect('visitors', ts.totals.visitors, truth.visitors);
  expect('bots', ts.totals.bots, truth.bots);
  const avg = (sum: number, n: number) => (n === 0 ? 0 : Math.round((sum / n) * 10) / 10);
  expect('avgDuration', ts.totals.avgDuration, avg(truth.durationSum, truth.engaged));
  expect('avgScroll', ts.totals.avgScroll, avg(truth.scrollSum, truth.engaged));
  const pointViews = (ts.points as { views: number }[]).reduce((s, p) => s + p.views, 0);
  expect('sum of points', pointViews, truth.views);
  for (const [dimension, want] of [
    ['page', truth.pages],
    ['referrer', truth.referrers],
    ['browser', truth.browsers],
    ['country', truth.countries],
  ] as const) {
    const b = await getJson(api, token, '/api/stats/breakdown', {
      site: SITE,
      from,
      to,
      dimension,
      limit: '1000',
    });
    const got = new Map<string, { views: number; visitors: number }>(
      (b.rows as { value: string; views: number; visitors: number }[]).map((r) => [r.value, r]),
    );
    if (got.size !== want.size) out.push(`${dimension}: ${got.size} rows, want ${want.size}`);
    for (const [value, w] of want) {
      const g = got.get(value);
      if (!g || g.views !== w.views || g.visitors !== w.visitors)
        out.push(`${dimension} ${value}: got ${JSON.stringify(g)}, want ${JSON.stringify(w)}`);
    }
  }
  return out;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Runs the workload through api-fn into one table, reads that table's real stream once, then for each batch
 * size replays the records through stream-trigger-fn into a fresh aggregate table, metering every call.
 */
export async function measureUnits(
  sends: readonly Send[],
  batchSizes: readonly number[],
): Promise<UnitsResult> {
  // Two DynamoDB Locals, one per core: the batch-1 replay (one invocation per record) runs on its own.
  const ddb = await startDynamoDBLocal();
  const second = await startDynamoDBLocal();
  try {
    const endpoint = ddb.endpoint;
    const key = generateKey();
    const token = await sessionToken(BENCH_USER, key);

    // Ingest: every send through the api-fn bundle, at the workload's own clock.
    const ingestClient = new DynamoDBClient(localClientConfig(endpoint));
    const { streamArn } = await createTableFromTemplate(ingestClient, { tableName: 'bench-ingest' });
    if (!streamArn) throw new Error('the template table has no stream');
    const ingest = await startApi({ tableName: 'bench-ingest', endpoint }, SITE, key);
    const ingestMeter = ingest.meter;
    const started = performance.now();
    for (const s of sends) {
      const res = await ingest.request(
        {
          method: 'POST',
          path: '/api/event',
          headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': s.userAgent },
          body: JSON.stringify(s.body),
        },
        s.time,
      );
      if (res.statusCode !== 202) throw new Error(`ingest answered ${res.statusCode}: ${res.body}`);
    }
    const ingestMs = performance.now() - started;
    progress(
      `ingest: ${sends.length} requests, ${ingestMeter.totalWrite} WCU, ${(ingestMs / 1000).toFixed(0)} s`,
    );

    // The stream, read once, shaped like Lambda's event records.
    const streams = new DynamoDBStreamsClient(localClientConfig(endpoint));
    const raw = await readStream(streams, streamArn, { maxPagesPerShard: 100_000 });
    // Through template.yaml's filter, as Lambda hands them over (the stream also holds the site list api-fn writes).
    const records: DynamoDBRecord[] = triggerRecords(raw.map((r) => toLambdaRecord(r, streamArn)));

    const views = sends.filter((s) => s.kind === 'pageview').length;
    const engagementEvents = sends.length - views;
    const truth = groundTruth(sends);
    const firstDay = day(sends[0]?.time ?? 0);
    const lastDay = day(sends[sends.length - 1]?.time ?? 0);

    // The three replays are independent (own table, own client, each strictly sequential inside), so they
    // run side by side: DynamoDB Local uses both cores, and each replay's write units stay deterministic.
    const replay = async (batchSize: number): Promise<UnitsResult['batches'][number]> => {
      const endpoint = batchSize === 1 ? second.endpoint : ddb.endpoint;
      const tableName = `bench-agg-${batchSize}`;
      const trigger = await startTriggerOnNewTable({ tableName, endpoint });
      const aggMeter = trigger.meter;
      let invocations = 0;
      const t0 = performance.now();
      for (let i = 0; i < records.length; i += batchSize) {
        const batch = records.slice(i, i + batchSize);
        const out = await trigger.deliver(batch);
        invocations += 1;
        if (invocations % 2000 === 0)
          progress(
            `batches of ${batchSize}: ${invocations} invocations, ${((performance.now() - t0) / 1000).toFixed(0)} s`,
          );
        if (out && out.batchItemFailures.length > 0)
          throw new Error(`batch at ${i} reported failures: ${JSON.stringify(out.batchItemFailures)}`);
      }
      const msPerInvocation = (performance.now() - t0) / invocations;
      progress(`batches of ${batchSize}: ${invocations} invocations, ${aggMeter.totalWrite} WCU`);
      await trigger.stop();
      const reportClient = new DynamoDBClient(localClientConfig(endpoint));
      // Straight to the table: the user item is no part of the aggregation's write units.
      await replaceUser(
        { dynamodb: reportClient, tableName: tableName },
        testUser(BENCH_USER.username, { createdAt: BENCH_USER.createdAt }),
      );
      reportClient.destroy();
      const api = await startApi({ tableName, endpoint }, SITE, key);
      const mismatches = await verify(api, token, truth, firstDay, lastDay);
      await api.stop();
      return {
        batchSize,
        invocations,
        aggregationWriteUnits: aggMeter.totalWrite,
        ingestPerView: ingestMeter.totalWrite / views,
        aggregationPerView: aggMeter.totalWrite / views,
        writeUnitsPerView: (ingestMeter.totalWrite + aggMeter.totalWrite) / views,
        msPerInvocation,
        countsMatch: mismatches.length === 0,
        mismatches: mismatches.slice(0, 10),
      };
    };
    const batches = await Promise.all(batchSizes.map(replay));

    // One dashboard load on the largest-batch table: 31 days ending on the workload's last day.
    const api = await startApi({ tableName: `bench-agg-${Math.max(...batchSizes)}`, endpoint }, SITE, key);
    const readMeter = api.meter;
    const to = lastDay;
    const from = day(Date.parse(`${lastDay}T00:00:00Z`) - 30 * 86_400_000);
    const loads: [string, string, Record<string, string>][] = [
      ['timeseries', '/api/stats/timeseries', { site: SITE, from, to, interval: 'day' }],
      ['page', '/api/stats/breakdown', { site: SITE, from, to, dimension: 'page' }],
      ['referrer', '/api/stats/breakdown', { site: SITE, from, to, dimension: 'referrer' }],
      ['browser', '/api/stats/breakdown', { site: SITE, from, to, dimension: 'browser' }],
      ['country', '/api/stats/breakdown', { site: SITE, from, to, dimension: 'country' }],
    ];
    let dashboardReadUnits = 0;
    const dashboardReadDetail: Record<string, number> = {};
    for (const [name, path, query] of loads) {
      readMeter.reset();
      await getJson(api, token, path, query);
      dashboardReadDetail[name] = readMeter.totalRead;
      dashboardReadUnits += readMeter.totalRead;
    }
    await api.stop();
    await ingest.stop();
    ingestClient.destroy();
    streams.destroy();
    return {
      views,
      engagementEvents,
      streamRecords: records.length,
      ingestWriteUnits: ingestMeter.totalWrite,
      ingestMsPerRequest: ingestMs / sends.length,
      batches,
      dashboardReadUnits,
      dashboardReadDetail,
      sampleRecords: records.slice(0, 100),
    };
  } finally {
    await Promise.all([ddb.stop(), second.stop()]);
  }
}
