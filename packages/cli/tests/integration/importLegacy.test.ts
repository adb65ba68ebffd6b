// `footfall import legacy` against an original-format table on DynamoDB Local, built by replaying a workload
// through a port of the original trigger: what it reads per day must be the workload's, bad items included.
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { Item } from '@footfall/core-model';
import { createTestTable, type TestTable } from '@footfall/dynamodb-local';
import { buildOriginalTable } from '@footfall/legacy-ports';
import { readOriginalTable } from '../../src/legacy/readOriginalTable';
import { expectedDays, SITE, VISITS } from '../helpers/legacyWorkload';
import { runFootfall } from '../helpers/runFootfall';

jest.setTimeout(180_000);

/** Items no version of the original wrote correctly: they must be reported, not imported, and not stop the read. */
const BAD_ITEMS: Item[] = [
  { Path: { S: 'site' }, Section: { S: 'Day-2022-02-30T00' }, ViewCount: { N: '1' } },
  { Path: { S: 'browser' }, Section: { S: 'Month-2019-01-01#Chrome' }, ViewCount: { S: 'many' } },
  {
    Path: { S: '/a' },
    Section: { S: 'view-6f1c2a4e-0d3b-4c5a-9e8f-7a6b5c4d3e2f' },
    Time: { S: 'yesterday' },
  },
];

let table: TestTable;
let env: Record<string, string>;

beforeAll(async () => {
  table = await createTestTable({ prefix: 'cli-legacy' });
  await buildOriginalTable(table.client, table.tableName, VISITS);
  for (const item of [
    ...BAD_ITEMS,
    { Path: { S: 'user' }, Section: { S: 'blake' }, Password: { S: 'x' } } as Item,
  ])
    await table.client.send(new PutItemCommand({ TableName: table.tableName, Item: item }));
  env = {
    DYNAMODB_ENDPOINT: table.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
});

afterAll(async () => {
  await table.cleanup();
});

describe('readOriginalTable', () => {
  it('reads every day of the workload at the hour, with pages, browsers and visitors', async () => {
    // Act
    const data = await readOriginalTable(table.client, table.tableName, SITE);
    const read = Object.fromEntries(
      data.days.map((d) => [
        d.day,
        {
          views: d.site.views,
          duration: d.site.durationSum,
          scroll: d.site.scrollSum,
          visitors: d.visitors,
          hours: Object.fromEntries([...(d.hours ?? [])].map(([h, c]) => [String(h), c.views])),
          pages: Object.fromEntries([...d.pages].map(([p, c]) => [p, c.views])),
          browsers: Object.fromEntries(d.browsers),
        },
      ]),
    );

    // Assess
    const expected = Object.fromEntries(
      Object.entries(expectedDays()).map(([day, d]) => [
        day,
        {
          views: d.views,
          duration: d.duration,
          scroll: d.scroll,
          visitors: d.visitors,
          hours: d.hours,
          pages: d.pages,
          browsers: d.browsers,
        },
      ]),
    );
    expect(read).toEqual(expected);
    expect(data.days.every((d) => d.source === 'hours')).toBe(true);
    expect(data.rawViews).toBe(VISITS.length);
    expect(data.skipped.users).toBe(1);
    expect(data.unreadable.count).toBe(BAD_ITEMS.length);
    expect(data.mismatchedDays).toEqual([]);
  });
});

describe('footfall import legacy', () => {
  it('prints what a dry run would import and what it could not read', async () => {
    // Prepare
    const totalViews = VISITS.length;

    // Act
    const run = await runFootfall(
      ['import', 'legacy', '--from-table', table.tableName, '--site', SITE, '--dry-run'],
      {
        env,
      },
    );

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Would import ${Object.keys(expectedDays()).length} days`);
    expect(run.stdout).toContain(`views      ${totalViews};`);
    expect(run.stdout).toContain(`Could not read ${BAD_ITEMS.length} items (left out):`);
    expect(run.stdout).toContain('Section "Day-2022-02-30T00"');
    expect(run.stdout).toContain('Dry run: nothing was written.');
  });

  it('writes what it could read, and fails naming what it could not', async () => {
    // Prepare
    const footfall = await createTestTable({ prefix: 'cli-legacy-footfall' });

    // Act
    const run = await runFootfall(
      ['import', 'legacy', '--from-table', table.tableName, '--site', SITE, '--table', footfall.tableName],
      { env, timeoutMs: 240_000 },
    );
    await footfall.cleanup();

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`imported now      ${Object.keys(expectedDays()).length} days`);
    expect(run.stdout).toContain(
      `${BAD_ITEMS.length} items of the original table could not be read (listed above).`,
    );
    expect(run.stderr).toContain(`could not import ${BAD_ITEMS.length} unreadable items`);
  });

  it('asks for the original table', async () => {
    // Act
    const run = await runFootfall(['import', 'legacy', '--dry-run'], { env });

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--from-table');
  });
});
