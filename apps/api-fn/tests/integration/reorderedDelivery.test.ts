// Engagement delivered out of order through the HTTP API and counted from DynamoDB Local's real stream: a view
// reports the largest engagement it sent, whether that came before its pageview or before an older report
// (issue 11 acceptance).
import { randomUUID } from 'node:crypto';
import { utcDayKey } from '@footfall/core-model';
import { CHROME_UA, engagement, httpEvent, pageview, SITE } from '@footfall/testing';
import { bearer, bodyOf, storeTestUser, type TestApi, testApi, tokenFor } from '../helpers/api';
import { createTestTable, INTEGRATION_TIMEOUT_MS, type TestTable } from '../helpers/localTable';
import { runTrigger } from '../helpers/trigger';

jest.setTimeout(INTEGRATION_TIMEOUT_MS);

let table: TestTable;
let api: TestApi;

beforeAll(async () => {
  table = await createTestTable({ prefix: 'api-reordered' });
  await storeTestUser(table.client, table.tableName);
  api = testApi(table.client, table.tableName);
  // DynamoDB Local deletes items whose TTL has passed, so views are stored at the real time.
  api.clock.now = Date.now();
});

afterAll(async () => {
  await table.cleanup();
});

async function send(body: Record<string, unknown>): Promise<number> {
  const response = await api.handler(
    httpEvent({ method: 'POST', path: '/api/event', body, headers: { 'user-agent': CHROME_UA } }),
  );
  return response.statusCode;
}

async function timeseries(query: Record<string, string>) {
  const headers = bearer(tokenFor('admin', { now: api.clock.now }));
  const response = await api.handler(
    httpEvent({ method: 'GET', path: '/api/stats/timeseries', query, headers }),
  );
  expect(response.statusCode).toBe(200);
  return bodyOf(response) as { points: unknown[]; totals: unknown };
}

describe('engagement delivered out of order', () => {
  it('counts the largest engagement of each view, early reports and late older ones alike', async () => {
    // Prepare
    const early = Array.from({ length: 10 }, () => randomUUID());
    const overtaken = Array.from({ length: 10 }, () => randomUUID());
    const day = utcDayKey(api.clock.now);

    // Act: 10 views report 100 s, 50 % before their pageview; 10 report 200 s, 80 %, then an older 50 s, 20 %.
    const statuses: number[] = [];
    for (const id of early) {
      statuses.push(await send(engagement({ id, duration: 100, scroll: 50 })));
      statuses.push(await send(pageview({ id })));
    }
    for (const id of overtaken) {
      statuses.push(await send(pageview({ id })));
      statuses.push(await send(engagement({ id, duration: 200, scroll: 80 })));
      statuses.push(await send(engagement({ id, duration: 50, scroll: 20 })));
    }
    // Small batches, so views and their engagement land in different trigger invocations.
    await runTrigger(table, { batchSize: 7 });
    const site = await timeseries({ site: SITE, from: day, to: day });
    const page = await timeseries({ site: SITE, from: day, to: day, path: '/blog/hello' });

    // Assess: (10 × 100 + 10 × 200) / 20 = 150 s and (10 × 50 + 10 × 80) / 20 = 65 %.
    expect(statuses.every((s) => s === 202)).toBe(true);
    const expected = { views: 20, visitors: 20, avgDuration: 150, avgScroll: 65 };
    expect(site.totals).toEqual({ ...expected, bots: 0 });
    expect(site.points).toEqual([{ t: day, ...expected }]);
    expect(page.totals).toEqual({ ...expected, bots: 0 });
  });
});
