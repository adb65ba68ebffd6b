// Importing a day on DynamoDB Local: written once under its marker, never again, and a day whose writes were
// cut off is reported (its marker stays `started`) instead of being written a second time.
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { importMarkerKey, utcDayKey, ViewDelta, zeroCounters } from '@footfall/core-model';
import {
  claimImportDay,
  finishImportDay,
  type ImportDayInput,
  importDay,
  readImportMarkers,
  readSiteHours,
  releaseImportDay,
  type Table,
} from '../../src';
import { failCalls } from '../helpers/faults';
import { freshTable } from '../helpers/table';
import { DAY_START } from '../helpers/views';

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

/** A day of imported counts: 7 views in hour 9 (3 of them on /a), 2 in hour 10; a browser and a referrer. */
function dayInput(runId: string): ImportDayInput {
  const delta = new ViewDelta();
  const c = (views: bigint, visitors: bigint) => ({ ...zeroCounters(), views, visitors });
  delta.addSiteCounts(SITE, DAY, 9, c(7n, 4n));
  delta.addSiteCounts(SITE, DAY, 10, c(2n, 2n));
  delta.addPageCounts(SITE, DAY, '/a', 9, c(3n, 1n));
  delta.addPageCounts(SITE, DAY, '/', 9, c(4n, 3n));
  delta.addPageCounts(SITE, DAY, '/', 10, c(2n, 2n));
  delta.addValueCounts(SITE, DAY, 'browser', 'Chrome', 9n, 0n);
  delta.addValueCounts(SITE, DAY, 'referrer', 'google.com', 5n, 5n);
  return { site: SITE, source: 'legacy', day: DAY, runId, from: 'original', views: 9, delta };
}

async function siteCounts(): Promise<{ views: number; visitors: number }> {
  const { hours } = await readSiteHours(table, SITE, [DAY]);
  let views = 0;
  let visitors = 0;
  for (const h of hours.values()) {
    views += h.views;
    visitors += h.visitors;
  }
  return { views, visitors };
}

async function markerOf() {
  return (await readImportMarkers(table, SITE, 'legacy', DAY, DAY)).markers.get(DAY);
}

describe('importDay', () => {
  test('writes the day once and marks it done; a second import of the day writes nothing', async () => {
    // Act
    const first = await importDay(table, dayInput('run-1'));
    const second = await importDay(table, dayInput('run-2'));

    // Assess
    expect(first).toMatchObject({ status: 'imported', markedDone: true, setAside: [] });
    expect(second).toMatchObject({
      status: 'already-claimed',
      marker: { state: 'done', runId: 'run-1', views: 9, from: 'original', deadLettered: 0 },
    });
    expect(await siteCounts()).toEqual({ views: 9, visitors: 6 });
  });

  test('a transient fault rolls every write back and gives the day back, so the next run imports it once', async () => {
    // Prepare: the page trie write fails (throttled past the SDK's retries).
    const heal = failCalls(
      table.dynamodb,
      (command, input) =>
        command === 'UpdateItemCommand' &&
        String((input.Key as { Section?: { S?: string } })?.Section?.S).startsWith('pg#'),
    );

    // Act
    const failed = await importDay(table, dayInput('run-1'));
    heal();
    const afterFailure = { counts: await siteCounts(), marker: await markerOf() };
    const retried = await importDay(table, dayInput('run-2'));

    // Assess
    expect(failed).toMatchObject({ status: 'rolled-back', released: true });
    expect(afterFailure).toEqual({ counts: { views: 0, visitors: 0 }, marker: undefined });
    expect(retried).toMatchObject({ status: 'imported', markedDone: true });
    expect(await siteCounts()).toEqual({ views: 9, visitors: 6 });
  });

  test.each([
    ['right after the marker', 0, 'rolled-back'],
    ['after two aggregate writes landed', 2, 'interrupted'],
  ])(
    'a connection lost %s leaves the marker started; later runs report it and write nothing',
    async (_when, landed, status) => {
      // Prepare: after the claim, reads pass and `landed` writes; every other write fails, undo included (as if
      // the process had died).
      let claimed = false;
      let writes = 0;
      const heal = failCalls(table.dynamodb, (command) => {
        if (!claimed) {
          claimed = command === 'PutItemCommand';
          return false;
        }
        if (command === 'GetItemCommand' || command === 'BatchGetItemCommand') return false;
        if (command === 'UpdateItemCommand' && writes < landed) {
          writes++;
          return false;
        }
        return true;
      });

      // Act
      const cut = await importDay(table, dayInput('run-1'));
      heal();
      const afterCut = await siteCounts();
      const later = await importDay(table, dayInput('run-2'));

      // Assess
      expect(cut.status).toBe(status);
      if (cut.status === 'rolled-back') expect(cut.released).toBe(false);
      expect(later).toMatchObject({
        status: 'already-claimed',
        marker: { state: 'started', runId: 'run-1' },
      });
      expect(afterCut.views).toBeLessThanOrEqual(9);
      expect(await siteCounts()).toEqual(afterCut);
    },
  );

  test('only the claiming run finishes or gives back a marker', async () => {
    // Prepare
    const claim = {
      site: SITE,
      source: 'legacy' as const,
      day: DAY,
      from: 'original',
      views: 1,
      startedAt: 1,
    };
    await claimImportDay(table, { ...claim, runId: 'run-1' });

    // Act
    const again = await claimImportDay(table, { ...claim, runId: 'run-2' });
    const othersFinish = await finishImportDay(table, SITE, 'legacy', DAY, 'run-2', {
      finishedAt: 2,
      deadLettered: 0,
    });
    const othersRelease = await releaseImportDay(table, SITE, 'legacy', DAY, 'run-2');
    const ownFinish = await finishImportDay(table, SITE, 'legacy', DAY, 'run-1', {
      finishedAt: 2,
      deadLettered: 0,
    });
    const releaseDone = await releaseImportDay(table, SITE, 'legacy', DAY, 'run-1');

    // Assess
    expect(again).toMatchObject({ claimed: false, marker: { state: 'started', runId: 'run-1' } });
    expect([othersFinish, othersRelease, ownFinish, releaseDone]).toEqual([false, false, true, false]);
    expect(await markerOf()).toMatchObject({ state: 'done', finishedAt: 2 });
  });

  test('a marker that cannot be decoded is listed as an error, and still blocks the day', async () => {
    // Prepare
    await table.dynamodb.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: { ...importMarkerKey(SITE, 'legacy', DAY), State: { S: 'half-done' } },
      }),
    );

    // Act
    const read = await readImportMarkers(table, SITE, 'legacy', DAY, DAY);
    const outcome = await importDay(table, dayInput('run-1'));

    // Assess
    expect(read.markers.size).toBe(0);
    expect(read.errors.map((e) => e.path)).toEqual(['State']);
    expect(outcome).toMatchObject({ status: 'already-claimed', marker: undefined, error: { path: 'State' } });
    expect((await siteCounts()).views).toBe(0);
  });
});
