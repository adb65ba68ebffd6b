import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { RawView } from '@footfall/core-model';
import { negateUpdate } from '../../src';
import { memorySource, reportFromItems, reportFromViews, scopeOf } from '../helpers/aggregateReport';
import { summaryOf } from '../helpers/captureLog';
import { contextRunningOutAfter, lambdaContext } from '../helpers/context';
import type { MemoryTable } from '../helpers/memoryTable';
import { isUndo } from '../helpers/mockDynamoDB';
import { engaged, insert, modify, rawView, streamEvent } from '../helpers/records';
import { testHandler } from '../helpers/testHandler';

/** A batch touching many aggregate items: views of many pages, two days, with engagement. */
function wideBatch() {
  const views = Array.from({ length: 30 }, (_, i) =>
    rawView({ path: `/p${i}`, time: Date.UTC(2026, 2, 2 + (i % 2), i % 24), referrer: `r${i}.example` }),
  );
  const first = views[0] as RawView;
  const records = [...views.map((v) => insert(v)), modify(first, engaged(first, 10, 20))];
  return { views, records, firstSequence: records[0]?.dynamodb?.SequenceNumber };
}

/** True when no counter of the table differs from zero: the batch left no trace. */
const allZero = (table: MemoryTable) =>
  table.items().every((item) => Object.values(item).every((v) => v.N === undefined || v.N === '0'));

const forwardCalls = (calls: { input: UpdateItemCommandInput; failed: boolean }[]) =>
  calls.filter((c) => !isUndo(c.input));

describe('a write that still fails after the SDK retries', () => {
  it('undoes the writes that succeeded and asks Lambda to retry the whole batch', async () => {
    // Prepare
    const { records, firstSequence } = wideBatch();
    const { handler, table, calls, lines } = testHandler((input, call) => call === 5 && !isUndo(input));
    // Act
    const response = await handler(streamEvent(records), lambdaContext());
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: firstSequence }] });
    const succeeded = forwardCalls(calls).filter((c) => !c.failed);
    const undos = calls.filter((c) => isUndo(c.input));
    expect(succeeded.length).toBeGreaterThan(0);
    expect(undos.map((c) => c.input)).toEqual(
      expect.arrayContaining(succeeded.map((c) => (negateUpdate(c.input) as { value: unknown }).value)),
    );
    expect(undos).toHaveLength(succeeded.length);
    expect(allZero(table)).toBe(true);
    expect(summaryOf(lines)).toMatchObject({
      status: 'rolled-back',
      recordsApplied: 0,
      undoCount: undos.length,
    });
  });

  it('stops issuing writes after the failure instead of finishing the batch', async () => {
    // Prepare
    const { records } = wideBatch();
    const { handler, calls } = testHandler((input, call) => call === 0 && !isUndo(input), { concurrency: 1 });
    // Act
    await handler(streamEvent(records), lambdaContext());
    // Assess
    expect(calls).toHaveLength(1);
  });

  it('counts the batch exactly once when Lambda retries it and the throttling has passed', async () => {
    // Prepare
    const { views, records } = wideBatch();
    let throttling = true;
    const { handler, table } = testHandler((input, call) => throttling && call % 7 === 3 && !isUndo(input));
    const first = await handler(streamEvent(records), lambdaContext());
    throttling = false;
    // Act
    const retry = await handler(streamEvent(records), lambdaContext());
    // Assess
    expect(first.batchItemFailures).toHaveLength(1);
    expect(retry).toEqual({ batchItemFailures: [] });
    const final = views.map((v, i) => (i === 0 ? engaged(v, 10, 20) : v));
    for (const day of ['2026-03-02', '2026-03-03'])
      expect(
        await reportFromItems(memorySource(table.items()), { ...scopeOf(views), fromDay: day, toDay: day }),
      ).toEqual(reportFromViews(final.filter((v) => new Date(v.time).toISOString().startsWith(day))));
  });
});

describe('an invocation nearing its deadline', () => {
  it('stops before the next write, undoes what it wrote and reports the first record for retry', async () => {
    // Prepare
    const { records, firstSequence } = wideBatch();
    const { handler, table, calls, lines } = testHandler(undefined, { concurrency: 1 });
    // Act
    const response = await handler(streamEvent(records), contextRunningOutAfter(3));
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: firstSequence }] });
    expect(forwardCalls(calls)).toHaveLength(3);
    expect(calls.filter((c) => isUndo(c.input))).toHaveLength(3);
    expect(allZero(table)).toBe(true);
    expect(lines.find((l) => l.message.startsWith('batch rolled back'))).toMatchObject({
      reason: 'deadline',
    });
  });

  it('still works when the function timeout is shorter than the default margin', async () => {
    // Prepare
    const { records } = wideBatch();
    const { handler, calls } = testHandler();
    // Act
    const response = await handler(
      streamEvent(records),
      lambdaContext(() => 15_000),
    );
    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(calls.every((c) => !isUndo(c.input))).toBe(true);
  });

  it('writes nothing at all when the margin is already gone', async () => {
    // Prepare
    const { records, firstSequence } = wideBatch();
    const { handler, calls } = testHandler();
    // Act
    const response = await handler(streamEvent(records), contextRunningOutAfter(0));
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: firstSequence }] });
    expect(calls).toHaveLength(0);
  });
});

describe('a double fault: the undo itself fails', () => {
  it('logs every update left applied, with the update that repairs it, and still asks for a retry', async () => {
    // Prepare
    const { records, firstSequence } = wideBatch();
    let forward = 0;
    const { handler, table, lines } = testHandler((input) => isUndo(input) || ++forward === 4, {
      concurrency: 1,
    });
    // Act
    const response = await handler(streamEvent(records), lambdaContext());
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: firstSequence }] });
    const fault = lines.find((l) => l.level === 'error' && l.message.startsWith('DOUBLE FAULT'));
    const unreverted = fault?.unreverted as { key: unknown; repair: UpdateItemCommandInput }[];
    expect(unreverted).toHaveLength(3);
    expect(summaryOf(lines)).toMatchObject({ status: 'double-fault', unreverted: 3, undoCount: 0 });
    // The logged repairs are exactly what it takes to return the table to zero.
    for (const u of unreverted) table.apply(u.repair);
    expect(allZero(table)).toBe(true);
  });

  it('retries each undo several times before declaring a double fault', async () => {
    // Prepare
    const { records } = wideBatch();
    let undoAttempts = 0;
    const { handler, table, lines } = testHandler(
      (input, call) => (isUndo(input) ? ++undoAttempts <= 5 : call === 2),
      { concurrency: 1 },
    );
    // Act
    await handler(streamEvent(records), lambdaContext());
    // Assess
    expect(lines.some((l) => l.message.startsWith('DOUBLE FAULT'))).toBe(false);
    expect(allZero(table)).toBe(true);
  });
});
