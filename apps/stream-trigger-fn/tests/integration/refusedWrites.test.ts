// Writes DynamoDB refuses for good: one dead letter each, the batch still lands, a replay loses nothing.
import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { seriesAttribute, seriesKey, techAttribute, techKey, utcDayKey, utcHour } from '@footfall/core-model';
import { buildBreakdown, readDayCounts, readSiteHours, replayDeadLetter } from '@footfall/store';
import { reportFromViews, reportOf } from '../helpers/aggregateReport';
import { summaryOf } from '../helpers/captureLog';
import { lambdaContext } from '../helpers/context';
import { deadLetters, type LocalTable, localTable } from '../helpers/localTable';
import { undoWrites } from '../helpers/mockDynamoDB';
import { insert, rawView, streamEvent, T0 } from '../helpers/records';
import { testHandler } from '../helpers/testHandler';

jest.setTimeout(60_000);

const SITE = 'example.com';
const DAY = utcDayKey(T0);

let table: LocalTable;
beforeEach(async () => {
  table = await localTable('refused');
});
afterEach(async () => {
  await table.cleanup();
});

describe('a write past the 400 KB item limit', () => {
  it('is set aside with its counters while the rest of the batch lands, and replays once after the fix', async () => {
    // Prepare: something (not Footfall) left the day's series item just under 400 KB, so any ADD to it is
    // refused with a ValidationException.
    await table.dynamodb.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: { ...seriesKey(SITE, DAY), Bloat: { S: 'x'.repeat(409_550) } },
      }),
    );
    const views = [rawView({ path: '/a' }), rawView({ path: '/b' }), rawView({ path: '/a', unique: false })];
    const { handler, calls, lines } = testHandler(table);

    // Act
    const response = await handler(streamEvent(views.map((v) => insert(v))), lambdaContext());
    const meanwhile = await reportOf(table, views);

    // Assess: no retry, nothing undone, one dead letter holding exactly the series counters.
    expect(response).toEqual({ batchItemFailures: [] });
    expect(undoWrites(calls)).toEqual([]);
    expect(summaryOf(lines)).toMatchObject({ status: 'applied', recordsApplied: 3, deadLettered: 1 });
    expect(lines.find((l) => l.level === 'error')?.message).toMatch(/set aside as dead letters/);
    const letters = await deadLetters(table);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      kind: 'update',
      target: { path: seriesKey(SITE, DAY).Path.S, section: seriesKey(SITE, DAY).Section.S },
    });
    expect(letters[0]?.error).toMatch(/ValidationException.*size/i);
    expect(letters[0]?.adds?.[seriesAttribute('v', utcHour(T0))]).toBe(3n);
    // Everything else is counted already: pages, referrers, browsers, page time series.
    const truth = reportFromViews(views);
    expect(meanwhile).toEqual({ ...truth, hours: {} });

    // Act: the operator removes the cause and replays.
    await table.dynamodb.send(
      new UpdateItemCommand({
        TableName: table.tableName,
        Key: seriesKey(SITE, DAY),
        UpdateExpression: 'REMOVE Bloat',
      }),
    );
    const letter = letters[0];
    if (letter === undefined) throw new Error('no dead letter');
    const replays = [await replayDeadLetter(table, letter), await replayDeadLetter(table, letter)];

    // Assess
    expect(replays.map((r) => r.status)).toEqual(['replayed', 'gone']);
    expect(await reportOf(table, views)).toEqual(truth);
    expect(await deadLetters(table)).toEqual([]);
  });
});

describe('a counter that is not a number', () => {
  it('refuses only its own item in every batch; the batches land and nothing is retried', async () => {
    // Prepare: the Firefox counter of the day overwritten with text by hand.
    const first = rawView();
    const { handler, lines } = testHandler(table);
    await handler(streamEvent([insert(first)]), lambdaContext());
    await table.dynamodb.send(
      new UpdateItemCommand({
        TableName: table.tableName,
        Key: techKey(SITE, DAY),
        UpdateExpression: 'SET #b = :s',
        ExpressionAttributeNames: { '#b': techAttribute('browser', 'Firefox') },
        ExpressionAttributeValues: { ':s': { S: 'oops' } },
      }),
    );
    const later = [rawView({ path: '/x' }), rawView({ path: '/y' })];

    // Act
    const responses = [];
    for (const v of later) responses.push(await handler(streamEvent([insert(v)]), lambdaContext()));

    // Assess
    for (const r of responses) expect(r).toEqual({ batchItemFailures: [] });
    // The time series and the pages count all three views (the browser breakdown cannot be read at all
    // until the operator repairs the counter, and then it holds the refused counts once replayed).
    const { hours } = await readSiteHours(table, SITE, [DAY]);
    expect([...hours.values()].map((c) => c.views)).toEqual([3]);
    const { counts } = await readDayCounts(table, SITE, 'page', DAY, DAY);
    expect(buildBreakdown(counts, 'page', { limit: 10 }).rows.map((r) => [r.value, r.views])).toEqual([
      ['/', 1],
      ['/x', 1],
      ['/y', 1],
    ]);
    const letters = await deadLetters(table);
    expect(letters.map((l) => l.target?.section)).toEqual([
      techKey(SITE, DAY).Section.S,
      techKey(SITE, DAY).Section.S,
    ]);
    for (const l of letters) expect(l.error).toMatch(/ValidationException/);
    expect(lines.filter((l) => l.level === 'metrics').map((l) => l.deadLettered)).toEqual([0, 1, 1]);
  });
});
