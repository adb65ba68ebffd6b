// The trigger on DynamoDB Local's real stream, fed by ingest's own steps: api-fn's reports equal the raw views.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DIMENSIONS, HOUR_MS, type HourCounters } from '@footfall/core-model';
import { localClientConfig } from '@footfall/dynamodb-local';
import { average } from '@footfall/store';
import type { DynamoDBRecord } from 'aws-lambda';
import { createStreamHandler, dynamodbClientConfig } from '../../src';
import { type AggregateReport, reportFromTable, reportFromViews, scopeOf } from '../helpers/aggregateReport';
import { type ApiDriver, apiDriver } from '../helpers/apiDriver';
import { captureLog } from '../helpers/captureLog';
import { lambdaContext } from '../helpers/context';
import { type LocalTable, localTable, storedViews, streamRecords } from '../helpers/localTable';
import { streamEvent } from '../helpers/records';
import { beaconWorkload, FIRST_DAY, LAST_DAY, SITE } from '../helpers/workload';

jest.setTimeout(120_000);

let table: LocalTable;
let dynamodb: DynamoDBClient;
let api: ApiDriver | undefined;

beforeAll(async () => {
  table = await localTable('trigger');
  dynamodb = new DynamoDBClient({
    ...dynamodbClientConfig(table.endpoint),
    ...localClientConfig(table.endpoint),
  });
});
afterAll(async () => {
  await api?.stop();
  dynamodb.destroy();
  await table.cleanup();
});

/** Runs the trigger over `records` in batches of `size`, failing the test on any batch failure. */
async function aggregate(records: DynamoDBRecord[], size: number) {
  const captured = captureLog();
  const handler = createStreamHandler({ tableName: table.tableName, dynamodb, log: captured.log });
  for (let i = 0; i < records.length; i += size) {
    const response = await handler(streamEvent(records.slice(i, i + size)), lambdaContext());
    expect(response).toEqual({ batchItemFailures: [] });
  }
  return captured;
}

/** Site-wide hour counters of the truth for every hour of the range (zeros where nothing happened). */
function truthHours(truth: AggregateReport, hours = truth.hours): HourCounters[] {
  const out: HourCounters[] = [];
  const start = Date.parse(`${FIRST_DAY}T00:00:00Z`);
  const end = Date.parse(`${LAST_DAY}T00:00:00Z`) + 86_400_000;
  for (let h = start; h < end; h += HOUR_MS)
    out.push(
      hours[new Date(h).toISOString().slice(0, 13)] ?? {
        views: 0,
        visitors: 0,
        bots: 0,
        engaged: 0,
        durationSum: 0,
        scrollSum: 0,
      },
    );
  return out;
}

describe('the trigger on DynamoDB Local’s real stream, fed by ingest’s own steps', () => {
  it('aggregates exactly what was stored, as api-fn reports it', async () => {
    // Prepare
    api = apiDriver(table);
    const requests = beaconWorkload(7, 150);
    await api.ingest(requests);
    const records = await streamRecords(table.endpoint, table.streamArn);
    const views = await storedViews(table.dynamodb, table.tableName);
    // Act
    const { lines } = await aggregate(records, 25);
    // Assess
    expect(views).toHaveLength(requests.filter((r) => r.body.type === 'pageview').length);
    const truth = reportFromViews(views);
    const scope = { ...scopeOf(views), fromDay: FIRST_DAY, toDay: LAST_DAY };
    expect(await reportFromTable(table, scope)).toEqual(truth);
    expect(lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
    // Early engagement was in the stream and was skipped, not counted on its own.
    const skipped = lines.reduce((n, l) => n + (l.level === 'metrics' ? Number(l.recordsSkipped) : 0), 0);
    expect(skipped).toBeGreaterThan(0);

    const range = { site: SITE, from: FIRST_DAY, to: LAST_DAY, interval: 'hour', tz: 'UTC' };
    const series = await api.timeseries(range);
    const expected = truthHours(truth);
    expect(
      series.points.map(({ views, visitors, avgDuration, avgScroll }) => ({
        views,
        visitors,
        avgDuration,
        avgScroll,
      })),
    ).toEqual(
      expected.map((c) => ({
        views: c.views,
        visitors: c.visitors,
        avgDuration: average(c.durationSum, c.engaged),
        avgScroll: average(c.scrollSum, c.engaged),
      })),
    );
    const sum = (k: keyof HourCounters) => expected.reduce((s, c) => s + c[k], 0);
    // The workload exercises every kind of counter, so equality below is not between empty reports.
    for (const k of ['views', 'visitors', 'bots', 'engaged'] as const) expect(sum(k)).toBeGreaterThan(0);
    for (const d of DIMENSIONS) expect(Object.keys(truth.breakdowns[d]).length).toBeGreaterThan(0);
    expect(series.totals).toEqual({
      views: sum('views'),
      visitors: sum('visitors'),
      bots: sum('bots'),
      avgDuration: average(sum('durationSum'), sum('engaged')),
      avgScroll: average(sum('scrollSum'), sum('engaged')),
    });
    for (const path of scope.paths) {
      const page = await api.timeseries({ ...range, path });
      const pageTruth = truthHours(truth, truth.pageHours[path] ?? {});
      expect(page.points.map((p) => [p.views, p.visitors, p.avgDuration, p.avgScroll])).toEqual(
        pageTruth.map((c) => [
          c.views,
          c.visitors,
          average(c.durationSum, c.engaged),
          average(c.scrollSum, c.engaged),
        ]),
      );
    }
    for (const dimension of DIMENSIONS) {
      const { rows } = await api.breakdown({
        site: SITE,
        from: FIRST_DAY,
        to: LAST_DAY,
        dimension,
        limit: '1000',
      });
      expect(
        Object.fromEntries(rows.map((r) => [r.value, { views: r.views, visitors: r.visitors }])),
      ).toEqual(truth.breakdowns[dimension]);
    }
  });
});
