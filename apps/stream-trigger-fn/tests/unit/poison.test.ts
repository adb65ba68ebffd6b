import { poisonWithoutSequence, poisonWithSequence } from '../fixtures/poisonRecords';
import { memorySource, reportFromItems, reportFromViews, scopeOf } from '../helpers/aggregateReport';
import { summaryOf } from '../helpers/captureLog';
import { lambdaContext } from '../helpers/context';
import { insert, rawView, streamEvent } from '../helpers/records';
import { testHandler } from '../helpers/testHandler';

describe('poison records', () => {
  it.each(Object.entries(poisonWithSequence()))(
    'logs %s with its sequence number and skips it',
    async (_, record) => {
      // Prepare
      const good = rawView();
      const { handler, table, at } = testHandler();
      // Act
      const response = await handler(streamEvent([insert(good), record]), lambdaContext());
      // Assess
      expect(response).toEqual({ batchItemFailures: [] });
      const warnings = at('warn').filter((l) => l.message === 'poison record skipped');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.sequenceNumber).toBe(record.dynamodb?.SequenceNumber);
      expect(await reportFromItems(memorySource(table.items()), scopeOf([good]))).toEqual(
        reportFromViews([good]),
      );
    },
  );

  it('names the attribute path of the problem', async () => {
    // Prepare
    const record = poisonWithSequence()['a number sent as a string'];
    const { handler, at } = testHandler();
    // Act
    await handler(streamEvent([insert(rawView()), insert(rawView()), record]), lambdaContext());
    // Assess
    expect(at('warn')[0]?.path).toBe('Records[2].dynamodb.NewImage.Time');
  });

  it('logs and skips records with no usable sequence number, and the valid records still count', async () => {
    // Prepare
    const good = [rawView(), rawView()];
    const garbage = Object.values(poisonWithoutSequence);
    const { handler, table, lines } = testHandler();
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
    });
    expect(await reportFromItems(memorySource(table.items()), scopeOf(good))).toEqual(reportFromViews(good));
  });

  it('survives a batch made only of poison, and events that are not batches at all', async () => {
    // Prepare
    const { handler, calls } = testHandler();
    const all = [...Object.values(poisonWithSequence()), ...Object.values(poisonWithoutSequence)];
    const events: unknown[] = [{ Records: all }, null, 'event', { Records: 'x' }, {}];
    // Act
    const responses = await Promise.all(
      events.map((e) => handler(e as Parameters<typeof handler>[0], lambdaContext())),
    );
    // Assess
    for (const r of responses) expect(r).toEqual({ batchItemFailures: [] });
    expect(calls).toHaveLength(0);
  });
});
