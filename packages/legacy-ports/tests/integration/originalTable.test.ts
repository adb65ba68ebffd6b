// The trigger port writes the items the original system wrote, and the API port reads them back as it did.
import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createTestTable, type TestTable } from '@footfall/dynamodb-local';
import { AGREEING_USER_AGENTS, buildOriginalTable, originalAnswer, originalBrowserName } from '../../src';

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable({ prefix: 'legacy-ports' });
});

afterAll(async () => {
  await table.cleanup();
});

async function itemsByKey(client: DynamoDBClient, tableName: string) {
  const out = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));
  const simple = (v: Record<string, unknown>) => Object.values(v)[0];
  return Object.fromEntries(
    (out.Items ?? []).map((item) => [
      `${item.Path?.S} | ${item.Section?.S}`,
      Object.fromEntries(
        Object.entries(item)
          .filter(([name]) => name !== 'Path' && name !== 'Section')
          .map(([name, v]) => [name, simple(v as unknown as Record<string, unknown>)]),
      ),
    ]),
  );
}

const UUID = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

test('a Monday view of 30 December 2024 with two appends, keyed the way the original keyed it', async () => {
  // Prepare: 30 Dec 2024 is a Monday in ISO week 1 of 2025, which the original keyed under the year 2024.
  const time = Date.UTC(2024, 11, 30, 10, 15, 7, 250);
  const visit = {
    uuid: UUID,
    path: '/a',
    time,
    userAgent: AGREEING_USER_AGENTS.Chrome,
    referrer: 'google.com/',
    appends: [
      { duration: 30, scroll: 50 },
      { duration: 45, scroll: 60 },
    ],
  };

  // Act
  await buildOriginalTable(table.client, table.tableName, [visit]);
  const items = await itemsByKey(table.client, table.tableName);
  const week = await originalAnswer(table.client, table.tableName, {
    route: 'api/views/week',
    path: 'site',
    year: 2024,
    week: 1,
  });

  // Assess
  const totals = { ViewCount: '1', TotalDuration: '75', TotalScroll: '110' };
  expect(items).toEqual({
    [`/a | view-${UUID}`]: {
      Time: '2024-12-30T10:15:07.250Z',
      UserAgent: AGREEING_USER_AGENTS.Chrome,
      Referrer: 'google.com/',
      Duration: '45',
      Scroll: '60',
    },
    '/a | Day-2024-12-30T10': { ViewDay: '2024-12-30', ViewHour: '10', ...totals },
    '/a | Week-2024-01-1': { ViewWeek: '2024-01', ViewDay: '1', ...totals },
    '/a | Month-2024-12-30': { ViewMonth: '2024-12', ViewDay: '30', ...totals },
    'site | Day-2024-12-30T10': { ViewDay: '2024-12-30', ViewHour: '10', ...totals },
    'site | Week-2024-01-1': { ViewWeek: '2024-01', ViewDay: '1', ...totals },
    'site | Month-2024-12-30': { ViewMonth: '2024-12', ViewDay: '30', ...totals },
    'page-view-day-2024-12-30 | /a': { ViewCount: '1' },
    'page-view-week-2024-01 | /a': { ViewCount: '1' },
    'page-view-month-2024-12 | /a': { ViewCount: '1' },
    'browser | Week-2024-01-1#Chrome': { ViewWeek: '2024-01', ViewDay: '1', ViewCount: '1' },
    'browser | Month-2024-12-30#Chrome': { ViewMonth: '2024-12', ViewDay: '30', ViewCount: '1' },
  });
  expect(week).toEqual([{ year: 2024, week: 1, day: 1, count: 1, scroll: 110, duration: 75 }]);
});

test('browser names are woothee names with dashes, and nothing for an agent woothee cannot place', () => {
  // Act & Assess
  expect(originalBrowserName(AGREEING_USER_AGENTS.Safari)).toBe('Safari');
  expect(originalBrowserName('Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)')).toBe(
    'Internet-Explorer',
  );
  expect(originalBrowserName('curl-ish/1.0 nothing to see')).toBeUndefined();
});
