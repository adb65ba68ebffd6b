// A batch folds into one write per aggregate item; each view and engagement counts once, as shown.
import type { RawView } from '@footfall/core-model';
import type { DynamoDBRecord } from 'aws-lambda';
import { reportFromViews, reportOf } from '../helpers/aggregateReport';
import { apiDriver } from '../helpers/apiDriver';
import { summaryOf } from '../helpers/captureLog';
import { lambdaContext } from '../helpers/context';
import { type LocalTable, localTable, storedViews, streamRecords } from '../helpers/localTable';
import { forwardWrites } from '../helpers/mockDynamoDB';
import { engaged, insert, modify, rawView, streamEvent, T0 } from '../helpers/records';
import { testHandler } from '../helpers/testHandler';
import { SITE } from '../helpers/workload';

jest.setTimeout(60_000);

const HOUR = new Date(T0).toISOString().slice(0, 13);

let table: LocalTable;
beforeEach(async () => {
  table = await localTable('coalescing');
});
afterEach(async () => {
  await table.cleanup();
});

describe('coalescing a batch into aggregate writes', () => {
  it('writes two views of the same page and hour as one update per aggregate item, counting 2', async () => {
    // Prepare
    const a = rawView({ path: '/pricing' });
    const b = rawView({ path: '/pricing', unique: false });
    const { handler, calls } = testHandler(table);
    // Act
    const response = await handler(streamEvent([insert(a), insert(b)]), lambdaContext());
    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    const keys = forwardWrites(calls).map((c) => JSON.stringify(c.input.Key));
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
    const seen = await reportOf(table, [a]);
    expect(seen.hours[HOUR]).toMatchObject({ views: 2, visitors: 1, bots: 0 });
    expect(seen.pageHours['/pricing']?.[HOUR]).toMatchObject({ views: 2, visitors: 1 });
    expect(seen.breakdowns.page).toEqual({ '/pricing': { views: 2, visitors: 1 } });
    expect(seen.breakdowns.referrer).toEqual({ 'news.ycombinator.com': { views: 2, visitors: 1 } });
  });

  it('costs the same number of calls for one view as for a hundred of the same page and day', async () => {
    // Prepare: two sites, so neither batch finds the other's items.
    const one = testHandler(table);
    const many = testHandler(table);
    const views = Array.from({ length: 100 }, () => rawView({ site: 'many.example', path: '/blog' }));
    // Act
    await one.handler(
      streamEvent([insert(rawView({ site: 'one.example', path: '/blog' }))]),
      lambdaContext(),
    );
    await many.handler(streamEvent(views.map((v) => insert(v))), lambdaContext());
    // Assess
    expect(many.calls.map((c) => c.command)).toEqual(one.calls.map((c) => c.command));
    expect((await reportOf(table, views)).hours[HOUR]?.views).toBe(100);
  });

  it('counts bots apart from views, and only as bots', async () => {
    // Prepare
    const bot = rawView({ bot: true, device: 'bot', browser: 'Googlebot' });
    const human = rawView();
    const { handler } = testHandler(table);
    // Act
    await handler(streamEvent([insert(bot), insert(human)]), lambdaContext());
    // Assess
    const seen = await reportOf(table, [human]);
    expect(seen.hours[HOUR]).toMatchObject({ views: 1, bots: 1 });
    expect(seen.breakdowns.browser).toEqual({ Firefox: { views: 1, visitors: 1 } });
    expect(seen.breakdowns.device).toEqual({ desktop: { views: 1, visitors: 1 } });
  });

  it('keeps views of different days and sites apart', async () => {
    // Prepare
    const today = rawView();
    const tomorrow = rawView({ time: T0 + 86_400_000 });
    const otherSite = rawView({ site: 'other.example', path: '/x' });
    const { handler } = testHandler(table);
    // Act
    await handler(streamEvent([insert(today), insert(tomorrow), insert(otherSite)]), lambdaContext());
    // Assess
    const all = [today, tomorrow, otherSite];
    expect(await reportOf(table, all, 'example.com')).toEqual(reportFromViews([today, tomorrow]));
    expect(await reportOf(table, all, 'other.example')).toEqual(reportFromViews([otherSite]));
  });

  it('reports records, items written, units and new values in one summary line with EMF metrics', async () => {
    // Prepare
    const { handler, lines, calls } = testHandler(table);
    // Act
    await handler(streamEvent([insert(rawView()), insert(rawView({ path: '/a' }))]), lambdaContext());
    // Assess
    const summary = summaryOf(lines);
    const writes = forwardWrites(calls).length;
    expect(summary).toMatchObject({
      recordsSeen: 2,
      recordsApplied: 2,
      recordsSkipped: 0,
      recordsPoison: 0,
      itemsWritten: writes,
      undoCount: 0,
      deadLettered: 0,
      cappedValues: 0,
      status: 'applied',
    });
    // Every item is under 1 KB: one write unit each; the cold container paid for what it read.
    expect(summary.writeUnits).toBe(writes);
    expect(summary.readUnits).toBeGreaterThan(0);
    // Two pages and one referrer were new that day.
    expect(summary.newValues).toBe(3);
    const aws = summary._aws as { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] };
    const metricNames = aws.CloudWatchMetrics[0]?.Metrics.map((m) => m.Name) ?? [];
    for (const name of metricNames) expect(typeof summary[name]).toBe('number');
    expect(metricNames).toEqual(
      expect.arrayContaining(['recordsSeen', 'writeUnits', 'readUnits', 'undoCount', 'deadLettered']),
    );
  });
});

describe('engagement', () => {
  const hourOf = async (v: RawView) => (await reportOf(table, [v])).hours[HOUR];

  it('counts the first engagement of a view once', async () => {
    // Prepare
    const view = rawView();
    const { handler } = testHandler(table);
    // Act
    await handler(streamEvent([insert(view), modify(view, engaged(view, 30, 60))]), lambdaContext());
    // Assess
    expect(await hourOf(view)).toMatchObject({ views: 1, engaged: 1, durationSum: 30, scrollSum: 60 });
  });

  it('counts the largest of repeated engagements, in one batch or across batches', async () => {
    // Prepare: the images ingest stores, each report raising what it can (SPEC §4: the largest reported).
    const one = rawView();
    const three = rawView({ site: 'three.example' });
    const steps = (v: RawView) => {
      const first = engaged(v, 30, 60);
      const second = engaged(v, 95, 60);
      return [insert(v), modify(v, first), modify(first, second)];
    };
    const oneBatch = testHandler(table);
    const threeBatches = testHandler(table);
    // Act
    await oneBatch.handler(streamEvent(steps(one)), lambdaContext());
    for (const record of steps(three)) await threeBatches.handler(streamEvent([record]), lambdaContext());
    // Assess
    const expected = { views: 1, engaged: 1, durationSum: 95, scrollSum: 60 };
    expect(await hourOf(one)).toMatchObject(expected);
    expect(await hourOf(three)).toMatchObject(expected);
  });

  it('never lowers what was counted when a change shows smaller values', async () => {
    // Prepare
    const view = rawView();
    const first = engaged(view, 120, 90);
    const later = engaged(view, 20, 100);
    const { handler } = testHandler(table);
    await handler(streamEvent([insert(view), modify(view, first)]), lambdaContext());
    // Act
    await handler(streamEvent([modify(first, later)]), lambdaContext());
    // Assess: the duration stays at its largest; the scroll grows.
    expect(await hourOf(view)).toMatchObject({ engaged: 1, durationSum: 120, scrollSum: 100 });
  });

  it('writes nothing for an engagement that repeats the same values', async () => {
    // Prepare
    const view = engaged(rawView(), 30, 60);
    const { handler, calls, lines } = testHandler(table);
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
    const { handler } = testHandler(table);
    // Act
    await handler(
      streamEvent([...views.map((v) => insert(v)), modify(views[0] as RawView, withEngagement)]),
      lambdaContext(),
    );
    // Assess
    const truth = reportFromViews([withEngagement, views[1] as RawView, views[2] as RawView]);
    expect(await reportOf(table, views)).toEqual(truth);
  });
});

describe('engagement that arrives before its pageview, on DynamoDB Local’s real stream', () => {
  const id = '5d1e0a4c-3b2f-4e6d-9a8b-7c6d5e4f3a2b';
  // Recent, so that no TTL sweep takes the raw view away while the test reads it back as the truth.
  const at = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000 + 15 * 60_000;
  const hour = new Date(at).toISOString().slice(0, 13);
  const body = { id, site: SITE, path: '/early' };
  const ua = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

  /** Two engagement reports, then the pageview, then a larger report: what a slow pageview request causes. */
  async function ingestEarly(): Promise<DynamoDBRecord[]> {
    await apiDriver(table).ingest([
      { at, userAgent: ua, body: { ...body, type: 'engagement', duration: 5, scroll: 20 } },
      { at: at + 1_000, userAgent: ua, body: { ...body, type: 'engagement', duration: 9, scroll: 10 } },
      { at: at + 2_000, userAgent: ua, body: { ...body, type: 'pageview', unique: true } },
      { at: at + 3_000, userAgent: ua, body: { ...body, type: 'engagement', duration: 40, scroll: 15 } },
    ]);
    return streamRecords(table.endpoint, table.streamArn);
  }

  it.each([
    ['one batch', 4],
    ['one record per batch', 1],
  ])(
    'skips the item without a pageview and counts the view with its engagement once (%s)',
    async (_, size) => {
      // Prepare
      const records = await ingestEarly();
      const views = await storedViews(table.dynamodb, table.tableName);
      const { handler, lines } = testHandler(table);
      // Act
      const responses = [];
      for (let i = 0; i < records.length; i += size)
        responses.push(await handler(streamEvent(records.slice(i, i + size)), lambdaContext()));
      // Assess: INSERT and MODIFY of the waiting item, then the pageview joining it, then a raise.
      expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'MODIFY', 'MODIFY']);
      for (const r of responses) expect(r).toEqual({ batchItemFailures: [] });
      const skipped = lines
        .filter((l) => l.level === 'metrics')
        .reduce((n, l) => n + Number(l.recordsSkipped), 0);
      expect(skipped).toBe(2);
      expect(views).toHaveLength(1);
      expect(views[0]).toMatchObject({ path: '/early', duration: 40, scroll: 20 });
      expect(await reportOf(table, views)).toEqual(reportFromViews(views));
      expect((await reportOf(table, views)).hours[hour]).toMatchObject({
        views: 1,
        engaged: 1,
        durationSum: 40,
        scrollSum: 20,
      });
    },
  );
});
