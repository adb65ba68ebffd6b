// Writes DynamoDB refuses for good, for real on DynamoDB Local: set aside as dead letters while the rest of the
// batch lands, listed for an operator, and replayed exactly once after the cause is fixed.
import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { seriesKey, techAttribute, techKey, utcDayKey, ViewDelta } from '@footfall/core-model';
import {
  aggregate,
  buildBreakdown,
  listDeadLetters,
  readDayCounts,
  readSiteHours,
  replayDeadLetter,
  type Table,
} from '../../src';
import { freshTable } from '../helpers/table';
import { aView, DAY_START } from '../helpers/views';

jest.setTimeout(120_000);

const SITE = 'example.com';
const DAY = utcDayKey(DAY_START);

let table: Table & { cleanup: () => Promise<void> };
beforeEach(async () => {
  table = await freshTable();
});
afterEach(async () => {
  await table.cleanup();
});

function deltaOf(n: number, path = '/a'): ViewDelta {
  const delta = new ViewDelta();
  for (let i = 0; i < n; i++) delta.addChange(undefined, aView({ path, referrer: 'google.com' }));
  return delta;
}

async function siteViews(): Promise<number> {
  const { hours } = await readSiteHours(table, SITE, [DAY]);
  return [...hours.values()].reduce((n, c) => n + c.views, 0);
}

async function pageViews(): Promise<number> {
  const { counts } = await readDayCounts(table, SITE, 'page', DAY, DAY);
  return buildBreakdown(counts, 'page', { limit: 10 }).rows.reduce((n, r) => n + r.views, 0);
}

describe('a write past the 400 KB item limit', () => {
  test('is set aside with its counters, the rest of the batch lands, and a replay after the fix counts it once', async () => {
    // Prepare: something (not Footfall) left the day's series item one byte short of 400 KB.
    await table.dynamodb.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: { ...seriesKey(SITE, DAY), Bloat: { S: 'x'.repeat(409_550) } },
      }),
    );

    // Act
    const outcome = await aggregate(table, deltaOf(3));

    // Assess: the batch is applied, one dead letter holds the series counters, page counts are in.
    expect(outcome.status).toBe('applied');
    if (outcome.status !== 'applied') return;
    expect(outcome.stats.deadLettered).toBe(1);
    expect(outcome.setAside[0]?.error).toMatch(/ValidationException.*size/i);
    expect(await pageViews()).toBe(3);
    const { letters } = await listDeadLetters(table);
    expect(letters).toHaveLength(1);
    expect(letters[0]?.target).toEqual({ path: `site#${SITE}`, section: `series#${DAY}` });
    expect(letters[0]?.adds?.v00).toBe(3n);

    // A replay while the cause is still there is refused, and the letter stays.
    const letter = letters[0];
    if (!letter) throw new Error('no letter');
    expect((await replayDeadLetter(table, letter)).status).toBe('refused');
    expect((await listDeadLetters(table)).letters).toHaveLength(1);

    // Fix, replay, replay again.
    await table.dynamodb.send(
      new UpdateItemCommand({
        TableName: table.tableName,
        Key: seriesKey(SITE, DAY),
        UpdateExpression: 'REMOVE Bloat',
      }),
    );
    expect(await replayDeadLetter(table, letter)).toEqual({ status: 'replayed', id: letter.id });
    expect(await replayDeadLetter(table, letter)).toEqual({ status: 'gone', id: letter.id });
    expect(await siteViews()).toBe(3);
    expect((await listDeadLetters(table)).letters).toEqual([]);
  });
});

describe('a counter that is not a number', () => {
  test('refuses only its own item; later batches keep counting everything else', async () => {
    // Prepare: a browser counter overwritten with text.
    await aggregate(table, deltaOf(1));
    await table.dynamodb.send(
      new UpdateItemCommand({
        TableName: table.tableName,
        Key: techKey(SITE, DAY),
        UpdateExpression: 'SET #b = :s',
        ExpressionAttributeNames: { '#b': techAttribute('browser', 'Firefox') },
        ExpressionAttributeValues: { ':s': { S: 'oops' } },
      }),
    );

    // Act
    const second = await aggregate(table, deltaOf(2));
    const third = await aggregate(table, deltaOf(4));

    // Assess
    expect(second.status).toBe('applied');
    expect(third.status).toBe('applied');
    expect(await siteViews()).toBe(7);
    expect(await pageViews()).toBe(7);
    const { letters } = await listDeadLetters(table);
    expect(letters.map((l) => l.target?.section)).toEqual([`dims#t#${DAY}`, `dims#t#${DAY}`]);
    expect(letters.map((l) => l.error)).toEqual([
      expect.stringMatching(/ValidationException.*data type/),
      expect.stringMatching(/ValidationException.*data type/),
    ]);
  });
});
