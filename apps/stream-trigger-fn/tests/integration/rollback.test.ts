// Transient faults (mocked over a real table) and the deadline: the batch is undone whole, retried.
import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { distinctAttribute, type RawView, TRIE_DIMENSIONS } from '@footfall/core-model';
import { type AggregateReport, reportFromTable, reportFromViews, scopeOf } from '../helpers/aggregateReport';
import { summaryOf } from '../helpers/captureLog';
import { contextRunningOutAfter, lambdaContext } from '../helpers/context';
import { deadLetters, type LocalTable, localTable } from '../helpers/localTable';
import {
  type Call,
  type CommandName,
  type FailRule,
  forwardWrites,
  isUndo,
  serverError,
  throttled,
  timedOut,
  undoWrites,
} from '../helpers/mockDynamoDB';
import { engaged, insert, modify, rawView, streamEvent } from '../helpers/records';
import { testHandler } from '../helpers/testHandler';

jest.setTimeout(60_000);

let table: LocalTable;
beforeEach(async () => {
  table = await localTable('rollback');
});
afterEach(async () => {
  await table.cleanup();
});

/** A batch touching many aggregate items: views of many pages and referrers, two days, with engagement. */
function wideBatch() {
  const views = Array.from({ length: 30 }, (_, i) =>
    rawView({ path: `/p${i}`, time: Date.UTC(2026, 2, 2 + (i % 2), i % 24), referrer: `r${i}.example` }),
  );
  const first = views[0] as RawView;
  const records = [...views.map((v) => insert(v)), modify(first, engaged(first, 10, 20))];
  const final = views.map((v, i) => (i === 0 ? engaged(v, 10, 20) : v));
  return { views, final, records, firstSequence: records[0]?.dynamodb?.SequenceNumber };
}

/** What the dashboard shows for the wide batch's site and days. */
const shown = (views: RawView[]) => reportFromTable(table, scopeOf(views));
/** The dashboard of a site with nothing counted. */
const NOTHING: AggregateReport = reportFromViews([]);

/** Fails the n-th forward UpdateItem (from 0) with `error`; everything else goes through. */
function nthForwardWrite(n: number, error: () => Error): FailRule {
  let seen = 0;
  return (call) =>
    call.command === 'UpdateItem' && !isUndo(call.input) && seen++ === n ? error() : undefined;
}

/** The amounts each landed write added, by item and attribute, minus what undos took back (Sz excluded). */
const ACCOUNTING = new Set(['Sz', ...TRIE_DIMENSIONS.map(distinctAttribute)]);

function netAdds(calls: readonly Call[]): Map<string, bigint> {
  const net = new Map<string, bigint>();
  for (const c of calls) {
    if (c.command !== 'UpdateItem' || c.failed) continue;
    const input = c.input as UpdateItemCommandInput;
    for (const m of (input.UpdateExpression ?? '').matchAll(/(#\w+) (:\w+)/g)) {
      const name = input.ExpressionAttributeNames?.[m[1] ?? ''] ?? '';
      const n = input.ExpressionAttributeValues?.[m[2] ?? '']?.N;
      // Sz and a day's distinct counts account for entries that stay after an undo (at zero), so an undo leaves
      // them alone and a retry does not count those values again (core-model negatedCounterUpdate).
      if (n === undefined || ACCOUNTING.has(name)) continue;
      const key = `${JSON.stringify(input.Key)} ${name}`;
      net.set(key, (net.get(key) ?? 0n) + BigInt(n));
    }
  }
  return net;
}

describe.each([
  ['throttling that outlasted the SDK retries', throttled],
  ['a 500 from DynamoDB', serverError],
  ['a request timeout', timedOut],
])('a write that fails with %s', (_name, error) => {
  it('undoes the writes that landed, asks Lambda to retry the whole batch and leaves the counters unchanged', async () => {
    // Prepare
    const { views, records, firstSequence } = wideBatch();
    const { handler, calls, lines } = testHandler(table, nthForwardWrite(5, error));
    // Act
    const response = await handler(streamEvent(records), lambdaContext());
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: firstSequence }] });
    const landed = forwardWrites(calls);
    const undos = undoWrites(calls);
    expect(landed.length).toBeGreaterThanOrEqual(5);
    // Each landed write was taken back exactly once, amount for amount.
    expect(undos.length).toBeGreaterThan(0);
    expect([...netAdds(calls).values()].filter((n) => n !== 0n)).toEqual([]);
    expect(await shown(views)).toEqual(NOTHING);
    expect(await deadLetters(table)).toEqual([]);
    expect(summaryOf(lines)).toMatchObject({
      status: 'rolled-back',
      recordsApplied: 0,
      undoCount: undos.length,
      deadLettered: 0,
    });
  });
});

describe.each<[string, CommandName]>([
  ['the distinct-count read (GetItem)', 'GetItem'],
  ['the trie read (BatchGetItem)', 'BatchGetItem'],
])('a read that fails: %s', (_name, command) => {
  it('writes nothing and asks Lambda to retry the whole batch', async () => {
    // Prepare
    const { views, records, firstSequence } = wideBatch();
    const { handler, calls } = testHandler(table, (c) => (c.command === command ? throttled() : undefined));
    // Act
    const response = await handler(streamEvent(records), lambdaContext());
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: firstSequence }] });
    expect(calls.some((c) => c.command === command && c.failed)).toBe(true);
    expect([...netAdds(calls).values()].filter((n) => n !== 0n)).toEqual([]);
    expect(await shown(views)).toEqual(NOTHING);
  });
});

describe('a dead letter that cannot be written (throttled PutItem)', () => {
  it('takes back the whole batch instead of dropping the poison record, and the retry keeps it once', async () => {
    // Prepare: the poison record's dead letter is the batch's last write, after every aggregate landed.
    const { views, final, records, firstSequence } = wideBatch();
    const poison = insert(rawView());
    poison.dynamodb = { ...poison.dynamodb, NewImage: { Time: { S: 'soon' } } };
    const batch = [...records, poison];
    const { handler, calls, setRule } = testHandler(table, (c) =>
      c.command === 'PutItem' ? throttled() : undefined,
    );
    // Act
    const first = await handler(streamEvent(batch), lambdaContext());
    const rolledBack = await shown(views);
    setRule(() => undefined);
    const retry = await handler(streamEvent(batch), lambdaContext());
    // Assess
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: firstSequence }] });
    expect(calls.filter((c) => c.command === 'PutItem' && c.failed)).toHaveLength(1);
    expect(rolledBack).toEqual(NOTHING);
    expect(retry).toEqual({ batchItemFailures: [] });
    expect(await shown(views)).toEqual(reportFromViews(final));
    expect((await deadLetters(table)).map((l) => l.source)).toEqual([poison.dynamodb?.SequenceNumber]);
  });
});

describe('a write that still fails after the SDK retries', () => {
  it('stops issuing writes after the failure instead of finishing the batch', async () => {
    // Prepare
    const { records } = wideBatch();
    const { handler, calls } = testHandler(table, nthForwardWrite(0, throttled), { concurrency: 1 });
    // Act
    await handler(streamEvent(records), lambdaContext());
    // Assess: the one failed write, and no other write at all.
    expect(calls.filter((c) => c.command === 'UpdateItem' || c.command === 'PutItem')).toHaveLength(1);
  });

  it('counts the batch exactly once when Lambda retries it and the throttling has passed', async () => {
    // Prepare
    const { views, final, records } = wideBatch();
    const { handler, setRule } = testHandler(table, (c) =>
      c.command === 'UpdateItem' && !isUndo(c.input) && c.index % 7 === 3 ? throttled() : undefined,
    );
    const first = await handler(streamEvent(records), lambdaContext());
    setRule(() => undefined);
    // Act
    const retry = await handler(streamEvent(records), lambdaContext());
    // Assess
    expect(first.batchItemFailures).toHaveLength(1);
    expect(retry).toEqual({ batchItemFailures: [] });
    for (const day of ['2026-03-02', '2026-03-03'])
      expect(await reportFromTable(table, { ...scopeOf(views), fromDay: day, toDay: day })).toEqual(
        reportFromViews(final.filter((v) => new Date(v.time).toISOString().startsWith(day))),
      );
  });
});

describe('an invocation nearing its deadline', () => {
  it('stops before the next write, undoes what it wrote and reports the first record for retry', async () => {
    // Prepare
    const { views, records, firstSequence } = wideBatch();
    const { handler, calls, lines } = testHandler(table, undefined, { concurrency: 1 });
    // Act
    const response = await handler(streamEvent(records), contextRunningOutAfter(3));
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: firstSequence }] });
    expect(forwardWrites(calls)).toHaveLength(3);
    expect(undoWrites(calls)).toHaveLength(3);
    expect(await shown(views)).toEqual(NOTHING);
    expect(lines.find((l) => l.message.startsWith('batch rolled back'))).toMatchObject({
      reason: 'deadline',
    });
  });

  it('still works when the function timeout is shorter than the default margin', async () => {
    // Prepare
    const { views, final, records } = wideBatch();
    const { handler, calls } = testHandler(table);
    // Act
    const response = await handler(
      streamEvent(records),
      lambdaContext(() => 15_000),
    );
    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(undoWrites(calls)).toEqual([]);
    expect(await shown(views)).toEqual(reportFromViews(final));
  });

  it('writes nothing at all when the margin is already gone', async () => {
    // Prepare
    const { records, firstSequence } = wideBatch();
    const { handler, calls } = testHandler(table);
    // Act
    const response = await handler(streamEvent(records), contextRunningOutAfter(0));
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: firstSequence }] });
    expect(calls.filter((c) => c.command !== 'GetItem' && c.command !== 'BatchGetItem')).toEqual([]);
  });
});

describe('a double fault: the undo itself fails', () => {
  it('logs every update left applied, with the update that repairs it, and still asks for a retry', async () => {
    // Prepare
    const { views, records, firstSequence } = wideBatch();
    const fourthWrite = nthForwardWrite(3, throttled);
    const { handler, lines } = testHandler(
      table,
      (c) => (c.command === 'UpdateItem' && isUndo(c.input) ? throttled() : fourthWrite(c)),
      { concurrency: 1 },
    );
    // Act
    const response = await handler(streamEvent(records), lambdaContext());
    const overCounted = await shown(views);
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: firstSequence }] });
    const fault = lines.find((l) => l.level === 'error' && l.message.startsWith('DOUBLE FAULT'));
    const unreverted = fault?.unreverted as { key: unknown; repair: UpdateItemCommandInput }[];
    expect(unreverted).toHaveLength(3);
    expect(summaryOf(lines)).toMatchObject({ status: 'double-fault', unreverted: 3, undoCount: 0 });
    expect(overCounted).not.toEqual(NOTHING);
    // The logged repairs are exactly what it takes to return the table to where it was.
    for (const u of unreverted) await table.dynamodb.send(new UpdateItemCommand(u.repair));
    expect(await shown(views)).toEqual(NOTHING);
  });

  it('retries each undo several times before declaring a double fault', async () => {
    // Prepare
    const { views, records } = wideBatch();
    let undoAttempts = 0;
    const thirdWrite = nthForwardWrite(2, throttled);
    const { handler, lines } = testHandler(
      table,
      (c) => {
        if (c.command !== 'UpdateItem' || !isUndo(c.input)) return thirdWrite(c);
        undoAttempts++;
        return undoAttempts <= 5 ? throttled() : undefined;
      },
      { concurrency: 1 },
    );
    // Act
    await handler(streamEvent(records), lambdaContext());
    // Assess
    expect(undoAttempts).toBeGreaterThan(5);
    expect(lines.some((l) => l.message.startsWith('DOUBLE FAULT'))).toBe(false);
    expect(await shown(views)).toEqual(NOTHING);
  });
});
