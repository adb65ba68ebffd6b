import { DynamoDBClient, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { createTestTable, localClientConfig, type TestTable } from '@footfall/dynamodb-local';
import type { DynamoDBRecord } from 'aws-lambda';
import { createStreamHandler, dynamodbClientConfig } from '../../src';
import { type AggregateReport, reportFromItems, reportFromViews, scopeOf } from '../helpers/aggregateReport';
import { apiDriver } from '../helpers/apiDriver';
import { captureLog, type LogLine } from '../helpers/captureLog';
import { contextRunningOutAfter, lambdaContext } from '../helpers/context';
import { runEventSourceMapping, splitIntoShards } from '../helpers/eventSourceMapping';
import { type FaultRule, injectFaults } from '../helpers/faultInjection';
import { querySource, storedViews, streamRecords } from '../helpers/localTable';
import { hashedChance } from '../helpers/random';
import { streamEvent } from '../helpers/records';
import { beaconWorkload, FIRST_DAY, LAST_DAY } from '../helpers/workload';

jest.setTimeout(300_000);

const SEED = 20_260_309;

/** A workload ingested through api-fn into a fresh table, its stream records and the ground truth. */
async function prepare(views: number, seed: number) {
  const table = await createTestTable({ prefix: 'trigger-faults' });
  await apiDriver(table.client, table.tableName).ingest(beaconWorkload(seed, views));
  const records = await streamRecords(table.endpoint, table.streamArn);
  const stored = await storedViews(table.client, table.tableName);
  const scope = { ...scopeOf(stored), fromDay: FIRST_DAY, toDay: LAST_DAY };
  const truth = reportFromViews(stored);
  const aggregates = () => reportFromItems(querySource(table.client, table.tableName), scope);
  return { table, records, truth, aggregates };
}

/** One trigger "container" per shard: its own client with fault injection, its own log. */
function container(table: TestTable) {
  const dynamodb = new DynamoDBClient({
    ...dynamodbClientConfig(table.endpoint),
    ...localClientConfig(table.endpoint),
  });
  const faults = injectFaults(dynamodb);
  const captured = captureLog();
  const handler = createStreamHandler({
    tableName: table.tableName,
    dynamodb,
    log: captured.log,
    sleep: () => new Promise((resolve) => setTimeout(resolve, 1)),
  });
  return { dynamodb, faults, handler, ...captured };
}

const doubleFaults = (lines: LogLine[]) => lines.filter((l) => l.message.startsWith('DOUBLE FAULT'));

describe('the trigger under injected faults, driven like a Lambda event source mapping', () => {
  let prepared: Awaited<ReturnType<typeof prepare>>;
  beforeAll(async () => {
    prepared = await prepare(250, SEED);
  });
  afterAll(() => prepared.table.cleanup());

  it('loses no view and counts none twice with 10 % of writes throttled, timeouts and crashes', async () => {
    // Prepare
    const { table, records, truth, aggregates } = prepared;
    const shards = splitIntoShards(records, 3);
    const containers = shards.map(() => container(table));
    let timeouts = 0;
    // Act
    const mapping = await runEventSourceMapping(shards, {
      batchSize: 10,
      maxRetries: 500,
      invoke: async (batch: DynamoDBRecord[], { shard, invocation }) => {
        // A crash before any write (an init failure, a bad deploy) is a function error: Lambda bisects.
        if (hashedChance(SEED, shard, invocation, 'crash') < 0.03)
          throw new Error('Runtime exited with error');
        const c = containers[shard] ?? container(table);
        const rule: FaultRule = ({ fingerprint, occurrence }) =>
          hashedChance(SEED, shard, invocation, fingerprint, occurrence) < 0.1;
        c.faults.beginInvocation(rule);
        const timesOut = hashedChance(SEED, shard, invocation, 'timeout') < 0.15;
        if (timesOut) timeouts++;
        const afterChecks = 1 + Math.floor(hashedChance(SEED, shard, invocation, 'after') * 6);
        return c.handler(
          streamEvent(batch),
          timesOut ? contextRunningOutAfter(afterChecks) : lambdaContext(),
        );
      },
    });
    // Assess
    const lines = containers.flatMap((c) => c.lines);
    expect(mapping.discarded).toEqual([]);
    expect(doubleFaults(lines)).toEqual([]);
    // The faults really happened: throttled writes, deadline stops, undone writes, retried batches.
    expect(containers.reduce((n, c) => n + c.faults.injected, 0)).toBeGreaterThan(50);
    expect(timeouts).toBeGreaterThan(5);
    expect(lines.filter((l) => l.reason === 'deadline').length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.reason === 'write-failed').length).toBeGreaterThan(0);
    expect(lines.reduce((n, l) => n + (l.level === 'metrics' ? Number(l.undoCount) : 0), 0)).toBeGreaterThan(
      0,
    );
    expect(mapping.partialFailures).toBeGreaterThan(10);
    expect(mapping.bisections).toBeGreaterThan(0);
    expect(await aggregates()).toEqual(truth);
    for (const c of containers) c.dynamodb.destroy();
  });
});

describe('the documented double fault', () => {
  it('is the one way to over-count: exactly the updates it logs, which replaying their repairs removes', async () => {
    // Prepare
    const { table, records, truth, aggregates } = await prepare(40, SEED + 1);
    const c = container(table);
    // In the second invocation the table turns unwritable after two writes: the undo of those two fails too.
    const brokenInvocation = 1;
    try {
      // Act
      const mapping = await runEventSourceMapping([records], {
        batchSize: 10,
        maxRetries: 10,
        invoke: (batch, { invocation }) => {
          c.faults.beginInvocation(({ call }) => invocation === brokenInvocation && call >= 2);
          return c.handler(streamEvent(batch), lambdaContext());
        },
      });
      // Assess
      expect(mapping.discarded).toEqual([]);
      const faults = doubleFaults(c.lines);
      expect(faults).toHaveLength(1);
      const unreverted = faults[0]?.unreverted as { repair: UpdateItemCommandInput }[];
      expect(unreverted.length).toBeGreaterThan(0);
      const overCounted: AggregateReport = await aggregates();
      expect(overCounted).not.toEqual(truth);
      for (const u of unreverted) await table.client.send(new UpdateItemCommand(u.repair));
      expect(await aggregates()).toEqual(truth);
    } finally {
      c.dynamodb.destroy();
      await table.cleanup();
    }
  });
});
