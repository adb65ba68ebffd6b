// The stream poller against DynamoDB Local's real stream, with a fake trigger that records what it receives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { createTestTable, LOCAL_REGION, readStream, type TestTable } from '@footfall/dynamodb-local';
import { parseFilterPattern } from '@footfall/template';
import { CheckpointStore } from '../../src/checkpointStore';
import { silentLog } from '../../src/log';
import { type FailureReport, type PollerSettings, StreamPoller } from '../../src/streamPoller';
import {
  baseSettings,
  eventually,
  pathOf,
  putItems,
  recordingTrigger,
  streamsClient,
  tempDir,
} from '../helpers/streamFixture';

let table: TestTable;
const pollers: StreamPoller[] = [];

beforeEach(async () => {
  table = await createTestTable({ prefix: 'poller' });
});

afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
  await table.cleanup();
});

function startPoller(
  settings: Partial<PollerSettings>,
  invoke: ReturnType<typeof recordingTrigger>['invoke'],
  options: {
    checkpointDir?: string;
    failures?: FailureReport[];
    client?: DynamoDBStreamsClient;
    warnings?: string[];
  } = {},
): { poller: StreamPoller; checkpoints: CheckpointStore } {
  const streamArn = table.streamArn ?? '';
  const checkpoints = new CheckpointStore(
    join(options.checkpointDir ?? tempDir(), 'checkpoints.json'),
    streamArn,
  );
  const poller = new StreamPoller({
    client: options.client ?? streamsClient(table.endpoint),
    streamArn,
    region: LOCAL_REGION,
    settings: { ...baseSettings, ...settings },
    invoke,
    checkpoints,
    log: { ...silentLog, warn: (message) => options.warnings?.push(message) },
    onFailure: (report) => options.failures?.push(report),
    pollIntervalMs: 20,
    discoveryIntervalMs: 100,
    retryBaseDelayMs: 1,
  });
  pollers.push(poller);
  poller.start();
  return { poller, checkpoints };
}

const views = (...paths: string[]) => paths.map((path) => ({ path, section: 'view' }));

test('records written within the batching window arrive in one invocation, at most BatchSize at a time', async () => {
  // Prepare
  const trigger = recordingTrigger();
  startPoller({ batchSize: 4, maximumBatchingWindowInSeconds: 2 }, trigger.invoke);

  // Act
  await putItems(table.client, table.tableName, views('a', 'b', 'c', 'd', 'e', 'f'));
  const delivered = await eventually(() => trigger.calls.flat().length >= 6);

  // Assess
  expect(delivered).toBe(true);
  expect(trigger.calls.map((batch) => batch.map(pathOf))).toEqual([
    ['a', 'b', 'c', 'd'],
    ['e', 'f'],
  ]);
  const [first] = trigger.calls.flat();
  expect(first).toMatchObject({
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    eventVersion: '1.1',
    awsRegion: LOCAL_REGION,
    eventSourceARN: table.streamArn,
    dynamodb: { Keys: { Path: { S: 'a' }, Section: { S: 'view' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  expect(typeof first?.eventID).toBe('string');
});

test('records that match no filter pattern never reach the function, and the checkpoint moves past them', async () => {
  // Prepare
  const pattern = parseFilterPattern(
    '{"eventName":["INSERT","MODIFY"],"dynamodb":{"Keys":{"Section":{"S":["view"]}}}}',
  );
  if (!pattern.ok) throw pattern.error;
  const trigger = recordingTrigger();
  const { poller, checkpoints } = startPoller({ filterPatterns: [pattern.value] }, trigger.invoke);

  // Act
  await putItems(table.client, table.tableName, [
    { path: 'user#admin', section: 'user' },
    { path: 'v1', section: 'view' },
    { path: 'agg', section: 'hour' },
    { path: 'v2', section: 'view' },
    { path: 'user#other', section: 'user' },
  ]);
  await eventually(() => trigger.calls.flat().length >= 2);
  // The last record is filtered out; the checkpoint reaching it shows it was handled.
  const written = await readStream(streamsClient(table.endpoint), table.streamArn ?? '');
  const lastSequence = written.at(-1)?.dynamodb?.SequenceNumber;
  const reached = await eventually(() =>
    checkpointedSequences(checkpoints.path).includes(lastSequence ?? '-'),
  );
  await poller.stop();

  // Assess
  expect(reached).toBe(true);
  expect(trigger.calls.flat().map(pathOf)).toEqual(['v1', 'v2']);
  const replay = recordingTrigger();
  startPoller({}, replay.invoke, { checkpointDir: join(checkpoints.path, '..') });
  await putItems(table.client, table.tableName, views('v3'));
  await eventually(() => replay.calls.flat().length >= 1);
  expect(replay.calls.flat().map(pathOf)).toEqual(['v3']);
});

test('a throwing function has its batch bisected until the poison record is isolated and given up on', async () => {
  // Prepare
  const delivered: string[] = [];
  const trigger = recordingTrigger((event) => {
    const paths = event.Records.map(pathOf);
    if (paths.includes('poison')) throw new Error('cannot decode');
    delivered.push(...paths);
    return undefined;
  });
  const failures: FailureReport[] = [];
  startPoller(
    {
      batchSize: 10,
      maximumBatchingWindowInSeconds: 2,
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 2,
    },
    trigger.invoke,
    { failures },
  );

  // Act
  await putItems(table.client, table.tableName, views('a', 'b', 'c', 'poison', 'd', 'e'));
  await eventually(() => delivered.length >= 5 && failures.length >= 1);

  // Assess
  expect(delivered).toEqual(['a', 'b', 'c', 'd', 'e']);
  expect(failures).toHaveLength(1);
  expect(failures[0]?.requestContext).toMatchObject({
    condition: 'RetryAttemptsExhausted',
    approximateInvokeCount: 3,
  });
  expect(failures[0]?.DDBStreamBatchInfo.batchSize).toBe(1);
  // The poison record alone was tried 1 + MaximumRetryAttempts times.
  const poisonAlone = trigger.calls.filter(
    (batch) => batch.length === 1 && pathOf(batch[0] ?? {}) === 'poison',
  );
  expect(poisonAlone).toHaveLength(3);
});

test('with ReportBatchItemFailures the batch is retried from the first reported record, not from its start', async () => {
  // Prepare
  const trigger = recordingTrigger((event, call) => {
    const failed = event.Records.find((r) => pathOf(r) === 'c');
    return call === 1 && failed !== undefined
      ? { batchItemFailures: [{ itemIdentifier: failed.dynamodb?.SequenceNumber }] }
      : { batchItemFailures: [] };
  });
  startPoller(
    { batchSize: 10, maximumBatchingWindowInSeconds: 2, reportBatchItemFailures: true },
    trigger.invoke,
  );

  // Act
  await putItems(table.client, table.tableName, views('a', 'b', 'c', 'd'));
  await eventually(() => trigger.calls.length >= 2);

  // Assess
  expect(trigger.calls.map((batch) => batch.map(pathOf))).toEqual([
    ['a', 'b', 'c', 'd'],
    ['c', 'd'],
  ]);
});

test('after a restart the poller continues after the checkpoint: nothing skipped, nothing replayed', async () => {
  // Prepare
  const dir = tempDir();
  const first = recordingTrigger();
  const { poller } = startPoller({}, first.invoke, { checkpointDir: dir });
  await putItems(table.client, table.tableName, views('a', 'b'));
  await eventually(() => first.calls.flat().length >= 2);
  await poller.stop();

  // Act
  await putItems(table.client, table.tableName, views('c'));
  const second = recordingTrigger();
  startPoller({}, second.invoke, { checkpointDir: dir });
  await putItems(table.client, table.tableName, views('d'));
  await eventually(() => second.calls.flat().length >= 2);

  // Assess
  expect(first.calls.flat().map(pathOf)).toEqual(['a', 'b']);
  expect(second.calls.flat().map(pathOf)).toEqual(['c', 'd']);
});

test('an expired shard iterator is replaced after the last record read: nothing lost, nothing repeated', async () => {
  // Prepare
  const faults = faultyStreams(table.endpoint);
  const trigger = recordingTrigger();
  startPoller({}, trigger.invoke, { client: faults.client });
  await putItems(table.client, table.tableName, views('a', 'b'));
  await eventually(() => trigger.calls.flat().length >= 2);

  // Act
  faults.failNext(
    'GetRecordsCommand',
    new ExpiredIteratorException({ message: 'Iterator expired', $metadata: {} }),
  );
  await eventually(() => faults.pending() === 0);
  await putItems(table.client, table.tableName, views('c', 'd'));
  await eventually(() => trigger.calls.flat().length >= 4);

  // Assess
  expect(faults.pending()).toBe(0);
  expect(trigger.calls.flat().map(pathOf)).toEqual(['a', 'b', 'c', 'd']);
});

test('a checkpoint whose records were trimmed is reported, and reading resumes from the oldest record kept', async () => {
  // Prepare
  const dir = tempDir();
  const first = recordingTrigger();
  const { poller } = startPoller({}, first.invoke, { checkpointDir: dir });
  await putItems(table.client, table.tableName, views('a'));
  await eventually(() => first.calls.length >= 1);
  await poller.stop();
  const faults = faultyStreams(table.endpoint);
  faults.failNext(
    'GetShardIteratorCommand',
    new TrimmedDataAccessException({ message: 'Trimmed', $metadata: {} }),
  );
  const warnings: string[] = [];
  const second = recordingTrigger();

  // Act
  startPoller({}, second.invoke, { checkpointDir: dir, client: faults.client, warnings });
  await putItems(table.client, table.tableName, views('b'));
  await eventually(() => second.calls.flat().some((r) => pathOf(r) === 'b'));

  // Assess
  expect(warnings.join('\n')).toMatch(/trimmed/);
  expect(second.calls.flat().map(pathOf)).toContain('b');
});

/** A streams client on the real endpoint that fails chosen commands once, as an injected fault. */
function faultyStreams(endpoint: string) {
  const client = streamsClient(endpoint);
  const queued: { command: string; error: Error }[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const index = queued.findIndex((f) => f.command === context.commandName);
      if (index >= 0) {
        const [fault] = queued.splice(index, 1);
        if (fault !== undefined) throw fault.error;
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectFault' },
  );
  return {
    client,
    failNext: (command: string, error: Error) => queued.push({ command, error }),
    pending: () => queued.length,
  };
}

function checkpointedSequences(path: string): string[] {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as {
      shards?: Record<string, { sequenceNumber?: string }>;
    };
    return Object.values(data.shards ?? {}).map((shard) => shard.sequenceNumber ?? '');
  } catch {
    return [];
  }
}

test('its lag is the age of the oldest record not yet handled: it grows while a batch fails, 0 once delivered', async () => {
  // Prepare: a trigger that fails until it is allowed to succeed, with long retry pauses.
  let failing = true;
  const trigger = recordingTrigger(() => {
    if (failing) throw new Error('stopped');
  });
  const streamArn = table.streamArn ?? '';
  const poller = new StreamPoller({
    client: streamsClient(table.endpoint),
    streamArn,
    region: LOCAL_REGION,
    settings: baseSettings,
    invoke: trigger.invoke,
    checkpoints: new CheckpointStore(join(tempDir(), 'checkpoints.json'), streamArn),
    log: silentLog,
    pollIntervalMs: 20,
    discoveryIntervalMs: 100,
    retryBaseDelayMs: 60_000,
  });
  pollers.push(poller);
  expect(poller.lagSeconds()).toBe(0);
  poller.start();

  // Act: a record waits behind the failing trigger.
  await putItems(table.client, table.tableName, views('a'));
  await eventually(() => trigger.calls.length >= 1);
  const created = trigger.calls[0]?.[0]?.dynamodb?.ApproximateCreationDateTime ?? 0;
  const later = (created + 45) * 1000;
  const waiting = poller.lagSeconds(later);
  failing = false;
  poller.wake();
  const delivered = await eventually(() => trigger.calls.length >= 2, 5_000);

  // Assess: behind by the record's age while it waited; the wake skipped the minute-long backoff.
  expect(waiting).toBe(45);
  expect(delivered).toBe(true);
  expect(poller.lagSeconds()).toBe(0);
});
