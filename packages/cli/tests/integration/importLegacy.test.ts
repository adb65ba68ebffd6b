// `footfall import legacy` against an original-format table on DynamoDB Local, built by replaying a workload
// through a port of the original trigger: what it reads per day must be the workload's, bad items included.
import { PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Item } from '@footfall/core-model';
import { createTestTable, type TestTable } from '@footfall/dynamodb-local';
import {
  buildOriginalTable,
  legacyWorkload,
  type OriginalVisit,
  originalBrowserName,
} from '@footfall/legacy-ports';
import { readOriginalTable } from '../../src/legacy/readOriginalTable';
import { runFootfall } from '../helpers/runFootfall';

jest.setTimeout(180_000);

const SITE = 'example.com';

/** Two weeks of 2022 with crawlers and second appends, plus visits that moved between the site's own pages. */
const VISITS: OriginalVisit[] = [
  ...legacyWorkload({ seed: 21, start: Date.UTC(2022, 5, 25), days: 14, visits: 120, botShare: 0.1 }),
  ...legacyWorkload({ seed: 22, start: Date.UTC(2022, 5, 25), days: 14, visits: 20 }).map((v) => ({
    ...v,
    referrer: `${SITE}/blog/hello-world`,
  })),
];

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

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const bump = (into: Record<string, number>, key: string, by = 1) => {
  into[key] = (into[key] ?? 0) + by;
};

/** What the workload says each UTC day holds, as the original counted it (crawlers and every append included). */
function expectedDays() {
  const days: Record<
    string,
    {
      views: number;
      duration: number;
      scroll: number;
      visitors: number;
      hours: Record<string, number>;
      pages: Record<string, number>;
      browsers: Record<string, number>;
    }
  > = {};
  for (const v of VISITS) {
    const day = dayOf(v.time);
    days[day] ??= { views: 0, duration: 0, scroll: 0, visitors: 0, hours: {}, pages: {}, browsers: {} };
    const d = days[day];
    d.views++;
    for (const a of v.appends ?? []) {
      d.duration += a.duration;
      d.scroll += a.scroll;
    }
    if (!v.referrer?.startsWith(`${SITE}/`)) d.visitors++;
    bump(d.hours, String(new Date(v.time).getUTCHours()));
    bump(d.pages, v.path);
    const browser = originalBrowserName(v.userAgent);
    if (browser !== undefined) bump(d.browsers, browser);
  }
  return days;
}

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
    expect(read).toEqual(expectedDays());
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

  it('says plainly that writing is not implemented yet, and touches nothing', async () => {
    // Prepare
    const scan = async () =>
      JSON.stringify(
        (await table.client.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true })))
          .Items,
      );
    const before = await scan();

    // Act
    const run = await runFootfall(
      ['import', 'legacy', '--from-table', table.tableName, '--site', SITE, '--table', 'footfall'],
      { env },
    );

    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('writing Footfall aggregates is not implemented yet');
    expect(run.stdout).toBe('');
    expect(await scan()).toBe(before);
  });

  it('asks for the original table', async () => {
    // Act
    const run = await runFootfall(['import', 'legacy', '--dry-run'], { env });

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--from-table');
  });
});
