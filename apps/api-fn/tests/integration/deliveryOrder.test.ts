// Property: however the beacon's events of a view are reordered and repeated on their way to the API, the
// reports the trigger leaves (from DynamoDB Local's real stream) are those of sending each once, in order.
import { randomUUID } from 'node:crypto';
import { utcDayKey } from '@footfall/core-model';
import { average } from '@footfall/store';
import { BOT_UA, CHROME_UA, httpEvent, IPHONE_UA, OTHER_SITE, SITE } from '@footfall/testing';
import fc from 'fast-check';
import { bearer, bodyOf, storeTestUser, type TestApi, testApi, tokenFor } from '../helpers/api';
import { createTestTable, INTEGRATION_TIMEOUT_MS, type TestTable } from '../helpers/localTable';
import { runTrigger } from '../helpers/trigger';

// A handful of runs of a few views each: DynamoDB Local answers in 10–30 ms a call on this machine.
const RUNS = 5;
jest.setTimeout(INTEGRATION_TIMEOUT_MS);

const HOUR_MS = 3_600_000;
const PATHS = ['/', '/blog/hello', '/pricing'] as const;

/** One view as the beacon would report it: its pageview and the engagement reports that follow. */
interface PlannedView {
  path: string;
  userAgent: string;
  unique: boolean;
  referrer: string | undefined;
  /** How long before the test's start it happened (each view's events all carry its time). */
  hoursAgo: number;
  reports: { duration: number; scroll: number }[];
}

/** One request of a view: its pageview, or its engagement report number `report`. */
type Send = { view: number; report?: number };

const plannedView: fc.Arbitrary<PlannedView> = fc.record({
  path: fc.constantFrom(...PATHS),
  userAgent: fc.constantFrom(CHROME_UA, IPHONE_UA, BOT_UA),
  unique: fc.boolean(),
  referrer: fc.constantFrom(undefined, 'https://www.google.com/', 'https://news.ycombinator.com/item?id=1'),
  hoursAgo: fc.integer({ min: 0, max: 5 }),
  reports: fc.array(
    fc.record({ duration: fc.integer({ min: 0, max: 7200 }), scroll: fc.integer({ min: 0, max: 100 }) }),
    { maxLength: 3 },
  ),
});

/** Views, plus their requests each sent once or twice, in any order (views interleaved). */
const scenario = fc.array(plannedView, { minLength: 1, maxLength: 3 }).chain((views) => {
  const inOrder: Send[] = views.flatMap((v, view) => [
    { view },
    ...v.reports.map((_, report) => ({ view, report })),
  ]);
  return fc
    .array(fc.integer({ min: 1, max: 2 }), { minLength: inOrder.length, maxLength: inOrder.length })
    .chain((copies) => {
      const repeated = inOrder.flatMap((s, i) => Array.from({ length: copies[i] ?? 1 }, () => s));
      return fc.shuffledSubarray(repeated, { minLength: repeated.length, maxLength: repeated.length });
    })
    .map((reordered) => ({ views, inOrder, reordered }));
});

/** The reports a user would compare: the site's hourly series, each page's series, and the page breakdown. */
async function reportsOf(api: TestApi, site: string, from: string, to: string) {
  const get = async (path: string, query: Record<string, string>) => {
    const headers = bearer(tokenFor('admin', { now: api.clock.now }));
    const response = await api.handler(httpEvent({ method: 'GET', path, query, headers }));
    expect(response.statusCode).toBe(200);
    const { site: _, ...body } = bodyOf(response) as { site?: string };
    return body;
  };
  const range = { site, from, to, interval: 'hour' };
  const pages: Record<string, unknown> = {};
  for (const path of PATHS) pages[path] = await get('/api/stats/timeseries', { ...range, path });
  return {
    series: await get('/api/stats/timeseries', range),
    pages,
    breakdown: await get('/api/stats/breakdown', { site, from, to, dimension: 'page', limit: '1000' }),
  };
}

describe('delivery order and repetition', () => {
  it('leave the reports as sending each event once, in order, would', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ views, inOrder, reordered }) => {
        const table: TestTable = await createTestTable({ prefix: 'api-delivery' });
        try {
          // Prepare: DynamoDB Local deletes items whose TTL has passed, so views are stored at about the real
          // time. The two sendings count for different sites and views, side by side in one table.
          await storeTestUser(table.client, table.tableName);
          const api = testApi(table.client, table.tableName);
          const start = Date.now();
          const sender = (site: string) => {
            const ids = views.map(() => randomUUID());
            return async ({ view, report }: Send) => {
              const v = views[view];
              const id = ids[view];
              if (v === undefined || id === undefined) throw new Error(`no view ${view}`);
              api.clock.now = start - v.hoursAgo * HOUR_MS;
              const r = report === undefined ? undefined : v.reports[report];
              const body =
                r === undefined
                  ? { type: 'pageview', id, site, path: v.path, unique: v.unique, referrer: v.referrer }
                  : { type: 'engagement', id, site, path: v.path, ...r };
              const response = await api.handler(
                httpEvent({
                  method: 'POST',
                  path: '/api/event',
                  body,
                  headers: { 'user-agent': v.userAgent },
                }),
              );
              expect(response.statusCode).toBe(202);
            };
          };
          const once = sender(SITE);
          const shuffled = sender(OTHER_SITE);

          // Act
          for (const s of inOrder) await once(s);
          for (const s of reordered) await shuffled(s);
          await runTrigger(table, { batchSize: 10 });
          api.clock.now = start;
          const from = utcDayKey(start - 6 * HOUR_MS);
          const to = utcDayKey(start);
          const expected = await reportsOf(api, SITE, from, to);
          const actual = await reportsOf(api, OTHER_SITE, from, to);

          // Assess: identical reports, and the in-order ones are right (so two empty reports cannot pass).
          expect(actual).toEqual(expected);
          const humans = views.filter((v) => v.userAgent !== BOT_UA);
          const engaged = humans.filter((v) => v.reports.length > 0);
          const largest = (k: 'duration' | 'scroll') =>
            engaged.reduce((sum, v) => sum + Math.max(...v.reports.map((r) => r[k])), 0);
          expect(expected.series).toMatchObject({
            totals: {
              views: humans.length,
              visitors: humans.filter((v) => v.unique).length,
              bots: views.length - humans.length,
              avgDuration: average(largest('duration'), engaged.length),
              avgScroll: average(largest('scroll'), engaged.length),
            },
          });
        } finally {
          await table.cleanup();
        }
      }),
      // A failure prints its seed and counterexample; shrinking on DynamoDB Local would take minutes.
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
