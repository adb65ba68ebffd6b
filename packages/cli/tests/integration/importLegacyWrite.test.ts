// `footfall import legacy` writing Footfall aggregates on DynamoDB Local, from an original-format table built by
// the original trigger's port: Footfall's reports match the workload per day, a second run changes nothing, and
// a run cut off after a day's marker is reported by the next runs, never counted twice.
import { paginateScan } from '@aws-sdk/client-dynamodb';
import { type Item, utcDayKey, ViewDelta } from '@footfall/core-model';
import { createTestTable, type TestTable } from '@footfall/dynamodb-local';
import { buildOriginalTable } from '@footfall/legacy-ports';
import { aggregate, buildBreakdown, readDayCounts, readSiteHours, type Table } from '@footfall/store';
import type { CliOptions } from '../../src/args';
import { importLegacy } from '../../src/commands/importLegacy';
import { CliError } from '../../src/errors';
import { legacyAggregateWriter } from '../../src/legacy/writeLegacyImport';
import { fakeIo } from '../helpers/fakeIo';
import { faultyClient } from '../helpers/faults';
import { type ExpectedDay, expectedDays, SITE, VISITS } from '../helpers/legacyWorkload';
import { runFootfall } from '../helpers/runFootfall';

jest.setTimeout(300_000);

const EXPECTED = expectedDays();
const DAYS = Object.keys(EXPECTED).sort();
const FIRST = DAYS[0] ?? '';
const LAST = DAYS[DAYS.length - 1] ?? '';

let original: TestTable;
let env: Record<string, string>;
const made: TestTable[] = [];

beforeAll(async () => {
  original = await createTestTable({ prefix: 'cli-original' });
  await buildOriginalTable(original.client, original.tableName, VISITS);
  env = {
    DYNAMODB_ENDPOINT: original.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
});

afterAll(async () => {
  for (const t of [original, ...made]) await t.cleanup();
});

/** A fresh, empty Footfall table. */
async function footfallTable(): Promise<TestTable & Table> {
  const t = await createTestTable({ prefix: 'cli-footfall' });
  made.push(t);
  return Object.assign(t, { dynamodb: t.client });
}

const importArgs = (table: string, ...more: string[]) => [
  'import',
  'legacy',
  '--from-table',
  original.tableName,
  '--site',
  SITE,
  '--table',
  table,
  ...more,
];

/** Every item of a table, in key order, as text: equal text means the run changed nothing. */
async function snapshot(table: Table): Promise<string> {
  const items: Item[] = [];
  for await (const page of paginateScan(
    { client: table.dynamodb },
    { TableName: table.tableName, ConsistentRead: true },
  ))
    items.push(...(page.Items ?? []));
  const key = (i: Item) => `${i.Path?.S}\u0000${i.Section?.S}`;
  return JSON.stringify(items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)));
}

/** What Footfall's reports say about each day (store's report functions), in the workload's terms. */
async function reported(table: Table): Promise<Record<string, ExpectedDay & { engaged: number }>> {
  const { hours } = await readSiteHours(table, SITE, DAYS);
  const out: Record<string, ExpectedDay & { engaged: number }> = {};
  const dayOf = (day: string) => {
    out[day] ??= {
      views: 0,
      duration: 0,
      scroll: 0,
      visitors: 0,
      engaged: 0,
      hours: {},
      visitorHours: {},
      pages: {},
      pageVisitors: {},
      browsers: {},
      referrers: {},
    };
    return out[day];
  };
  for (const [start, c] of hours) {
    if (c.views === 0) continue;
    const d = dayOf(utcDayKey(start));
    const hour = String(new Date(start).getUTCHours());
    d.views += c.views;
    d.visitors += c.visitors;
    d.engaged += c.engaged;
    d.duration += c.durationSum;
    d.scroll += c.scrollSum;
    d.hours[hour] = c.views;
    if (c.visitors > 0) d.visitorHours[hour] = c.visitors;
  }
  for (const day of DAYS) {
    const d = dayOf(day);
    const rows = async (dimension: 'page' | 'browser' | 'referrer') =>
      buildBreakdown((await readDayCounts(table, SITE, dimension, day, day)).counts, dimension, {
        limit: 1000,
      }).rows;
    for (const r of await rows('page')) {
      d.pages[r.value] = r.views;
      if (r.visitors > 0) d.pageVisitors[r.value] = r.visitors;
    }
    for (const r of await rows('browser')) d.browsers[r.value] = r.views;
    for (const r of await rows('referrer')) d.referrers[r.value] = { views: r.views, visitors: r.visitors };
  }
  return out;
}

/** The workload's day as the reports should show it: every view engaged (each day has engagement totals). */
function asReported(d: ExpectedDay): ExpectedDay & { engaged: number } {
  const positive = (r: Record<string, number>) =>
    Object.fromEntries(Object.entries(r).filter(([, n]) => n > 0));
  return {
    ...d,
    engaged: d.views,
    visitorHours: positive(d.visitorHours),
    pageVisitors: positive(d.pageVisitors),
  };
}

const expectedReport = (days: readonly string[] = DAYS) =>
  Object.fromEntries(days.map((day) => [day, asReported(EXPECTED[day] as ExpectedDay)]));

describe('footfall import legacy (writing)', () => {
  it("imports every day so that Footfall's reports match the workload, and a second run changes nothing", async () => {
    // Prepare
    const footfall = await footfallTable();

    // Act
    const first = await runFootfall(importArgs(footfall.tableName), { env, timeoutMs: 240_000 });
    const afterFirst = await snapshot(footfall);
    const second = await runFootfall(importArgs(footfall.tableName), { env, timeoutMs: 240_000 });

    // Assess
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain(
      `imported now      ${DAYS.length} days, ${FIRST} to ${LAST}: ${VISITS.length} views`,
    );
    expect(await reported(footfall)).toEqual(expectedReport());
    expect(second).toMatchObject({ code: 0 });
    expect(second.stdout).toContain('imported now      no day');
    expect(second.stdout).toContain(`imported before   ${DAYS.length} days`);
    expect(await snapshot(footfall)).toBe(afterFirst);
  });

  it('reports a day cut off after its marker on every later run, and never counts it twice', async () => {
    // Prepare: the fifth day's marker is claimed, three of its aggregate writes land, then every write fails
    // (undo included), as if the connection or the process died there.
    const footfall = await footfallTable();
    const cut = DAYS[4] ?? '';
    let claimed = false;
    let landed = 0;
    const client = faultyClient(original.endpoint, (command, input) => {
      const section = (input.Item as { Section?: { S?: string } } | undefined)?.Section?.S;
      if (!claimed) {
        claimed = command === 'PutItemCommand' && section === `import#legacy#${cut}`;
        return false;
      }
      if (command !== 'UpdateItemCommand' && command !== 'PutItemCommand' && command !== 'DeleteItemCommand')
        return false;
      return landed++ >= 3;
    });
    const { io, out } = fakeIo();
    const options: CliOptions = {
      passwordStdin: false,
      force: false,
      dryRun: false,
      help: false,
      site: SITE,
    };
    const targets = {
      source: { dynamodb: original.client, tableName: original.tableName },
      footfall: () => ({ dynamodb: client, tableName: footfall.tableName }),
    };

    // Act
    const failed = importLegacy(targets, io, options, legacyAggregateWriter()).catch((e: unknown) => e);
    const error = await failed;
    client.destroy();
    const afterCut = await reported(footfall);
    const rerun = await runFootfall(importArgs(footfall.tableName), { env, timeoutMs: 240_000 });
    const afterRerun = await snapshot(footfall);
    const third = await runFootfall(importArgs(footfall.tableName), { env, timeoutMs: 240_000 });

    // Assess: the cut run says where it stopped, and fails.
    expect(error).toBeInstanceOf(CliError);
    expect(out.stdout).toContain('imported now      4 days');
    expect(out.stdout).toContain('Not imported, cut off: 1 day');
    expect(out.stdout).toContain(`Not imported, not attempted: ${DAYS.length - 5} days`);
    // The rerun imports the rest, reports the cut day instead of writing it again, and fails.
    expect(rerun.code).toBe(1);
    expect(rerun.stdout).toContain(`imported now      ${DAYS.length - 5} days, ${DAYS[5]} to ${LAST}`);
    expect(rerun.stdout).toContain('imported before   4 days');
    expect(rerun.stdout).toMatch(new RegExp(`Not imported, interrupted earlier: 1 day[^]*${cut}  run `));
    expect(rerun.stderr).toContain('could not import 1 day');
    // Every other day is exact; the cut day holds what the cut run left, no more (part of the workload's day).
    const report = await reported(footfall);
    const { [cut]: cutDay, ...others } = report;
    const { [cut]: _expectedCut, ...expectedOthers } = expectedReport();
    expect(others).toEqual(expectedOthers);
    expect(cutDay).toEqual(afterCut[cut]);
    expect(cutDay?.views).toBeLessThanOrEqual(EXPECTED[cut]?.views ?? 0);
    for (const [path, views] of Object.entries(cutDay?.pages ?? {}))
      expect(views).toBeLessThanOrEqual(EXPECTED[cut]?.pages[path] ?? 0);
    // A third run changes nothing and says the same.
    expect(third.code).toBe(1);
    expect(third.stdout).toContain(`imported before   ${DAYS.length - 1} days`);
    expect(third.stdout).toContain('Not imported, interrupted earlier: 1 day');
    expect(await snapshot(footfall)).toBe(afterRerun);
  });

  it('leaves out days Footfall counted itself; --to then imports up to the switch and succeeds', async () => {
    // Prepare: Footfall ran side by side on the last day and counted one view.
    const footfall = await footfallTable();
    const live = new ViewDelta();
    live.addSiteCounts(SITE, LAST, 12, {
      views: 1n,
      visitors: 1n,
      engaged: 0n,
      durationSum: 0n,
      scrollSum: 0n,
    });
    await aggregate(footfall, live);
    const before = DAYS[DAYS.length - 2] ?? '';

    // Act
    const whole = await runFootfall(importArgs(footfall.tableName), { env, timeoutMs: 240_000 });
    const upToSwitch = await runFootfall(importArgs(footfall.tableName, '--to', before), {
      env,
      timeoutMs: 240_000,
    });

    // Assess
    expect(whole.code).toBe(1);
    expect(whole.stdout).toContain(
      `Not imported, counted by Footfall: 1 day (${EXPECTED[LAST]?.views} views)`,
    );
    expect(whole.stdout).toContain(`${LAST}  Footfall has 1 view of its own that day`);
    expect(upToSwitch.code).toBe(0);
    expect(upToSwitch.stdout).toContain(`imported before   ${DAYS.length - 1} days`);
    expect(upToSwitch.stdout).toContain('1 more day with data outside --from/--to is left alone.');
    const report = await reported(footfall);
    expect(report[LAST]?.views).toBe(1);
    expect(report[before]).toEqual(expectedReport([before])[before]);
  });
});
