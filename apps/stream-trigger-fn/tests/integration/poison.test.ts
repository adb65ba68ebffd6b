// Poison records of any shape: logged, counted, kept as dead letters, never blocking their shard.
import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { encodeRawView, pageviewUpsert } from '@footfall/core-model';
import { createStreamHandler } from '../../src';
import { poisonWithoutSequence, poisonWithSequence } from '../fixtures/poisonRecords';
import { reportFromViews, reportOf } from '../helpers/aggregateReport';
import { captureLog, summaryOf } from '../helpers/captureLog';
import { lambdaContext } from '../helpers/context';
import { runEventSourceMapping } from '../helpers/eventSourceMapping';
import { deadLetters, type LocalTable, localTable, streamRecords } from '../helpers/localTable';
import { insert, rawView, streamEvent } from '../helpers/records';
import { testHandler } from '../helpers/testHandler';

jest.setTimeout(60_000);

let table: LocalTable;
beforeEach(async () => {
  table = await localTable('poison');
});
afterEach(async () => {
  await table.cleanup();
});

const aggregateWrites = (calls: { command: string }[]) => calls.filter((c) => c.command === 'UpdateItem');

describe('poison records', () => {
  it.each(Object.entries(poisonWithSequence()))(
    'logs %s with its sequence number, keeps it as a dead letter and counts the rest',
    async (_, record) => {
      // Prepare
      const good = rawView();
      const { handler, at, lines } = testHandler(table);
      // Act
      const response = await handler(streamEvent([insert(good), record]), lambdaContext());
      // Assess
      expect(response).toEqual({ batchItemFailures: [] });
      const warnings = at('warn').filter((l) => l.message === 'poison record set aside');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.sequenceNumber).toBe(record.dynamodb?.SequenceNumber);
      expect(summaryOf(lines)).toMatchObject({
        status: 'applied',
        recordsSeen: 2,
        recordsApplied: 1,
        recordsPoison: 1,
        deadLettered: 1,
      });
      expect(await reportOf(table, [good])).toEqual(reportFromViews([good]));
      const letters = await deadLetters(table);
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ kind: 'record', source: record.dynamodb?.SequenceNumber });
      // What the operator sees is the record itself (cut at 64 KB) and why it was refused.
      expect(letters[0]?.record).toBe(JSON.stringify(record).slice(0, 65_536));
      expect(letters[0]?.error).toBe(warnings[0]?.error);
    },
  );

  it('names the attribute path of the problem', async () => {
    // Prepare
    const record = poisonWithSequence()['a number sent as a string'];
    const { handler, at } = testHandler(table);
    // Act
    await handler(streamEvent([insert(rawView()), insert(rawView()), record]), lambdaContext());
    // Assess
    expect(at('warn')[0]?.path).toBe('Records[2].dynamodb.NewImage.Time');
    expect((await deadLetters(table))[0]?.error).toContain('Records[2].dynamodb.NewImage.Time');
  });

  it('keeps records with no usable sequence number too, and the valid records still count', async () => {
    // Prepare
    const good = [rawView(), rawView()];
    const garbage = Object.values(poisonWithoutSequence);
    const { handler, lines } = testHandler(table);
    // Act
    const response = await handler(
      streamEvent([insert(good[0] ?? rawView()), ...garbage, insert(good[1] ?? rawView())]),
      lambdaContext(),
    );
    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(summaryOf(lines)).toMatchObject({
      recordsSeen: garbage.length + 2,
      recordsPoison: garbage.length,
      deadLettered: garbage.length,
    });
    expect(await reportOf(table, good)).toEqual(reportFromViews(good));
    const letters = await deadLetters(table);
    expect(letters.map((l) => l.record).sort()).toEqual(garbage.map((g) => JSON.stringify(g)).sort());
  });

  it('survives a batch made only of poison, and events that are not batches at all', async () => {
    // Prepare
    const { handler, calls } = testHandler(table);
    const all = [...Object.values(poisonWithSequence()), ...Object.values(poisonWithoutSequence)];
    const events: unknown[] = [{ Records: all }, null, 'event', { Records: 'x' }, {}];
    // Act
    const responses = await Promise.all(
      events.map((e) => handler(e as Parameters<typeof handler>[0], lambdaContext())),
    );
    // Assess: no aggregate is touched; only the batch's records are kept, each once.
    for (const r of responses) expect(r).toEqual({ batchItemFailures: [] });
    expect(aggregateWrites(calls)).toEqual([]);
    expect(await deadLetters(table)).toHaveLength(all.length);
  });

  it('never blocks its shard: every batch is checkpointed on its first delivery', async () => {
    // Prepare: poison in every other batch of a shard, among valid views.
    const views = Array.from({ length: 12 }, (_, i) => rawView({ path: `/p${i % 3}` }));
    const poison = Object.values(poisonWithSequence()).slice(0, 6);
    const shard = views.flatMap((v, i) => [
      insert(v),
      ...(i % 2 === 0 ? poison.slice(i / 2, i / 2 + 1) : []),
    ]);
    const { handler } = testHandler(table);
    // Act
    const mapping = await runEventSourceMapping([shard], {
      batchSize: 3,
      maxRetries: 3,
      invoke: (batch) => handler(streamEvent(batch), lambdaContext()),
    });
    // Assess
    expect(mapping).toMatchObject({ partialFailures: 0, bisections: 0, discarded: [] });
    expect(mapping.invocations).toBe(Math.ceil(shard.length / 3));
    expect(await reportOf(table, views)).toEqual(reportFromViews(views));
    expect((await deadLetters(table)).map((l) => l.source).sort()).toEqual(
      poison.map((p) => p.dynamodb?.SequenceNumber).sort(),
    );
  });
});

describe('a MODIFY that changes what a view is, from DynamoDB Local’s real stream', () => {
  it('is poison: kept as a dead letter, counted neither way, and the rest of the batch lands', async () => {
    // Prepare: a view recorded as ingest records it, then rewritten by something that is not ingest.
    // Recent and unexpired, so that DynamoDB Local's TTL sweep leaves them alone.
    const recent = { time: Date.now() - 3_600_000, expiresAt: Math.floor(Date.now() / 1000) + 86_400 };
    const view = rawView(recent);
    const other = rawView(recent);
    const send = table.dynamodb.send.bind(table.dynamodb);
    await send(new UpdateItemCommand({ TableName: table.tableName, ...pageviewUpsert(view) }));
    await send(new UpdateItemCommand({ TableName: table.tableName, ...pageviewUpsert(other) }));
    await send(
      new PutItemCommand({ TableName: table.tableName, Item: encodeRawView({ ...view, path: '/moved' }) }),
    );
    const records = await streamRecords(table.endpoint, table.streamArn);
    const captured = captureLog();
    const handler = createStreamHandler({
      tableName: table.tableName,
      dynamodb: table.dynamodb,
      log: captured.log,
    });
    // Act
    const response = await handler(streamEvent(records), lambdaContext());
    // Assess
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'INSERT', 'MODIFY']);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(summaryOf(captured.lines)).toMatchObject({ recordsApplied: 2, recordsPoison: 1, deadLettered: 1 });
    const letters = await deadLetters(table);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ kind: 'record', source: records[2]?.dynamodb?.SequenceNumber });
    expect(letters[0]?.error).toMatch(/NewImage: expected the same view with new engagement/);
    // The view counts as first recorded: its new path was never counted, its old one not taken away.
    expect(await reportOf(table, [view, other])).toEqual(reportFromViews([view, other]));
  });
});
