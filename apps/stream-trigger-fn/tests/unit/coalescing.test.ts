import type { RawView } from '@footfall/core-model';
import { memorySource, reportFromItems, reportFromViews, scopeOf } from '../helpers/aggregateReport';
import { summaryOf } from '../helpers/captureLog';
import { lambdaContext } from '../helpers/context';
import type { MemoryTable } from '../helpers/memoryTable';
import { engaged, insert, modify, rawView, streamEvent, T0 } from '../helpers/records';
import { testHandler } from '../helpers/testHandler';

const HOUR = new Date(T0).toISOString().slice(0, 13);
/** What the dashboard would show for `views`' site and days, read from the mocked table. */
const report = (table: MemoryTable, views: RawView[]) =>
  reportFromItems(memorySource(table.items()), scopeOf(views));

describe('coalescing a batch into counter updates', () => {
  it('writes two views of the same page and hour as one update per aggregate item, counting 2', async () => {
    // Prepare
    const a = rawView({ path: '/pricing' });
    const b = rawView({ path: '/pricing', unique: false });
    const { handler, table, calls } = testHandler();
    // Act
    const response = await handler(streamEvent([insert(a), insert(b)]), lambdaContext());
    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    const keys = calls.map((c) => JSON.stringify(c.input.Key));
    expect(new Set(keys).size).toBe(keys.length);
    const seen = await report(table, [a]);
    expect(seen.hours[HOUR]).toMatchObject({ views: 2, visitors: 1, bots: 0 });
    expect(seen.pageHours['/pricing']?.[HOUR]).toMatchObject({ views: 2, visitors: 1 });
    expect(seen.breakdowns.page).toEqual({ '/pricing': { views: 2, visitors: 1 } });
    expect(seen.breakdowns.referrer).toEqual({ 'news.ycombinator.com': { views: 2, visitors: 1 } });
  });

  it('costs the same number of writes for one view as for a hundred of the same page and day', async () => {
    // Prepare
    const one = testHandler();
    const many = testHandler();
    const views = Array.from({ length: 100 }, () => rawView({ path: '/blog' }));
    // Act
    await one.handler(streamEvent([insert(rawView({ path: '/blog' }))]), lambdaContext());
    await many.handler(streamEvent(views.map((v) => insert(v))), lambdaContext());
    // Assess
    expect(many.calls.length).toBe(one.calls.length);
    expect((await report(many.table, views)).hours[HOUR]?.views).toBe(100);
  });

  it('counts bots apart from views, and only as bots', async () => {
    // Prepare
    const bot = rawView({ bot: true, device: 'bot', browser: 'Googlebot' });
    const human = rawView();
    const { handler, table } = testHandler();
    // Act
    await handler(streamEvent([insert(bot), insert(human)]), lambdaContext());
    // Assess
    const seen = await report(table, [human]);
    expect(seen.hours[HOUR]).toMatchObject({ views: 1, bots: 1 });
    expect(seen.breakdowns.browser).toEqual({ Firefox: { views: 1, visitors: 1 } });
  });

  it('keeps views of different days and sites apart', async () => {
    // Prepare
    const today = rawView();
    const tomorrow = rawView({ time: T0 + 86_400_000 });
    const otherSite = rawView({ site: 'other.example', path: '/x' });
    const { handler, table } = testHandler();
    // Act
    await handler(streamEvent([insert(today), insert(tomorrow), insert(otherSite)]), lambdaContext());
    // Assess
    const all = [today, tomorrow, otherSite];
    const main = await reportFromItems(memorySource(table.items()), scopeOf(all, 'example.com'));
    const other = await reportFromItems(memorySource(table.items()), scopeOf(all, 'other.example'));
    expect(main).toEqual(reportFromViews([today, tomorrow]));
    expect(other).toEqual(reportFromViews([otherSite]));
  });

  it('reports records, items written and write units in one summary line with EMF metrics', async () => {
    // Prepare
    const view = rawView();
    const { handler, lines, calls } = testHandler();
    // Act
    await handler(streamEvent([insert(view), insert(rawView())]), lambdaContext());
    // Assess
    const summary = summaryOf(lines);
    expect(summary).toMatchObject({
      recordsSeen: 2,
      recordsApplied: 2,
      recordsSkipped: 0,
      recordsPoison: 0,
      itemsWritten: calls.length,
      writeUnits: calls.length,
      undoCount: 0,
      status: 'applied',
    });
    const aws = summary._aws as { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] };
    const metricNames = aws.CloudWatchMetrics[0]?.Metrics.map((m) => m.Name) ?? [];
    for (const name of metricNames) expect(typeof summary[name]).toBe('number');
    expect(metricNames).toEqual(expect.arrayContaining(['recordsSeen', 'writeUnits', 'undoCount']));
  });
});

describe('engagement', () => {
  const hourOf = async (table: MemoryTable, v: RawView) => (await report(table, [v])).hours[HOUR];

  it('counts the first engagement of a view once', async () => {
    // Prepare
    const view = rawView();
    const { handler, table } = testHandler();
    // Act
    await handler(streamEvent([insert(view), modify(view, engaged(view, 30, 60))]), lambdaContext());
    // Assess
    expect(await hourOf(table, view)).toMatchObject({
      views: 1,
      engaged: 1,
      durationSum: 30,
      scrollSum: 60,
    });
  });

  it('lets the latest of repeated engagements win, in one batch or across batches', async () => {
    // Prepare
    const view = rawView();
    const first = engaged(view, 30, 60);
    const second = engaged(view, 95, 100);
    const oneBatch = testHandler();
    const threeBatches = testHandler();
    // Act
    await oneBatch.handler(
      streamEvent([insert(view), modify(view, first), modify(first, second)]),
      lambdaContext(),
    );
    for (const record of [insert(view), modify(view, first), modify(first, second)])
      await threeBatches.handler(streamEvent([record]), lambdaContext());
    // Assess
    const expected = { views: 1, engaged: 1, durationSum: 95, scrollSum: 100 };
    expect(await hourOf(oneBatch.table, view)).toMatchObject(expected);
    expect(await hourOf(threeBatches.table, view)).toMatchObject(expected);
  });

  it('lowers the sums when a later engagement reports smaller values', async () => {
    // Prepare
    const view = rawView();
    const first = engaged(view, 120, 90);
    const later = engaged(view, 20, 10);
    const { handler, table } = testHandler();
    await handler(streamEvent([insert(view), modify(view, first)]), lambdaContext());
    // Act
    await handler(streamEvent([modify(first, later)]), lambdaContext());
    // Assess
    expect(await hourOf(table, view)).toMatchObject({ engaged: 1, durationSum: 20, scrollSum: 10 });
  });

  it('writes nothing for an engagement that repeats the same values', async () => {
    // Prepare
    const view = engaged(rawView(), 30, 60);
    const { handler, calls, lines } = testHandler();
    // Act
    const response = await handler(streamEvent([modify(view, { ...view })]), lambdaContext());
    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(calls).toHaveLength(0);
    expect(summaryOf(lines)).toMatchObject({ recordsApplied: 1, itemsWritten: 0, status: 'nothing-to-do' });
  });

  it('matches the ground truth over a mixed batch', async () => {
    // Prepare
    const views = [rawView(), rawView({ path: '/a', unique: false }), rawView({ bot: true, device: 'bot' })];
    const withEngagement = engaged(views[0] as RawView, 12, 34);
    const { handler, table } = testHandler();
    // Act
    await handler(
      streamEvent([...views.map((v) => insert(v)), modify(views[0] as RawView, withEngagement)]),
      lambdaContext(),
    );
    // Assess
    const truth = reportFromViews([withEngagement, views[1] as RawView, views[2] as RawView]);
    expect(await report(table, views)).toEqual(truth);
  });
});
