// readNewestCount on DynamoDB Local: the newest hour with counts, across days, for one site only; nothing for a
// site never counted; one read unit.
import { ViewDelta } from '@footfall/core-model';
import { aggregate, readNewestCount, type Table } from '../../src';
import { freshTable } from '../helpers/table';
import { aView, DAY_START } from '../helpers/views';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
let table: Table & { cleanup: () => Promise<void> };
beforeEach(async () => {
  table = await freshTable();
});
afterEach(async () => {
  await table.cleanup();
});

async function count(...views: ReturnType<typeof aView>[]): Promise<void> {
  const delta = new ViewDelta();
  for (const v of views) delta.addChange(undefined, v);
  expect((await aggregate(table, delta)).status).toBe('applied');
}

test('answers the newest counted hour of the newest day, bots included, per site', async () => {
  // Prepare: views on two days of example.com, a bot later on the second; another site later still.
  await count(
    aView({ time: DAY_START + 9 * HOUR }),
    aView({ time: DAY_START + 86_400_000 + 3 * HOUR + 120_000 }),
    aView({ time: DAY_START + 86_400_000 + 5 * HOUR, bot: true, device: 'bot' }),
    aView({ site: 'other.example', time: DAY_START + 2 * 86_400_000 }),
  );

  // Act
  const newest = await readNewestCount(table, 'example.com');

  // Assess
  expect(newest.hourStart).toBe(DAY_START + 86_400_000 + 5 * HOUR);
  expect(newest.errors).toEqual([]);
  expect(newest.readUnits).toBeLessThanOrEqual(1);
});

test('answers nothing for a site with no counts', async () => {
  // Act
  const newest = await readNewestCount(table, 'quiet.example');

  // Assess
  expect(newest.hourStart).toBeUndefined();
  expect(newest.errors).toEqual([]);
});
