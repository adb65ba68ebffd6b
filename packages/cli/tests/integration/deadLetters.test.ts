// `footfall dead-letters list|replay` against DynamoDB Local: a write DynamoDB refused for real is listed with why,
// a replay before the fix leaves it listed (exit 1), and after the fix it is counted once.
import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { type RawView, seriesKey, ViewDelta } from '@footfall/core-model';
import { createTestTable, type TestTable } from '@footfall/dynamodb-local';
import { aggregate, readSiteHours } from '@footfall/store';
import { runFootfall } from '../helpers/runFootfall';

jest.setTimeout(120_000);

const SITE = 'example.com';
const DAY = '2026-03-08';

let table: TestTable;
beforeEach(async () => {
  table = await createTestTable({ prefix: 'cli-dead' });
});
afterEach(async () => {
  await table.cleanup();
});

const view = (i: number): RawView => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  site: SITE,
  path: '/',
  time: Date.parse(`${DAY}T10:00:00Z`),
  unique: true,
  bot: false,
  browser: 'Firefox',
  os: 'Linux',
  device: 'desktop',
  expiresAt: 0,
});

const footfall = (...args: string[]) =>
  runFootfall(['dead-letters', ...args, '--table', table.tableName, '--endpoint', table.endpoint]);

test('lists a refused write with its cause, keeps it while the cause is there, replays it once after the fix', async () => {
  // Prepare: the day's series item one byte short of DynamoDB's 400 KB limit, then two views counted.
  const t = { dynamodb: table.client, tableName: table.tableName };
  await table.client.send(
    new PutItemCommand({
      TableName: table.tableName,
      Item: { ...seriesKey(SITE, DAY), Bloat: { S: 'x'.repeat(409_550) } },
    }),
  );
  const delta = new ViewDelta();
  delta.addChange(undefined, view(1));
  delta.addChange(undefined, view(2));
  expect((await aggregate(t, delta)).status).toBe('applied');

  // Act / Assess: listed with its target and cause.
  const listed = await footfall('list');
  expect(listed.code).toBe(0);
  expect(listed.stdout).toContain(`site#${SITE} series#${DAY}`);
  expect(listed.stdout).toMatch(/ValidationException/);
  expect(listed.stderr).toContain('1 dead letter(s)');

  // A replay while the item is still too big: refused, still listed, exit 1.
  const early = await footfall('replay');
  expect(early.code).toBe(1);
  expect(early.stdout).toMatch(/still refused/);
  expect((await footfall('list')).stderr).toContain('1 dead letter(s)');

  // Fixed: replayed once, the views are counted, nothing is left; a second replay finds nothing.
  await table.client.send(
    new UpdateItemCommand({
      TableName: table.tableName,
      Key: seriesKey(SITE, DAY),
      UpdateExpression: 'REMOVE Bloat',
    }),
  );
  const replayed = await footfall('replay');
  expect(replayed.code).toBe(0);
  expect(replayed.stdout).toMatch(/^replayed /);
  const again = await footfall('replay');
  expect(again.stderr).toContain('0 of 0');
  const { hours } = await readSiteHours(t, SITE, [DAY]);
  expect([...hours.values()].reduce((n, c) => n + c.views, 0)).toBe(2);
  expect((await footfall('list')).stderr).toMatch(/No dead letters/);
});
