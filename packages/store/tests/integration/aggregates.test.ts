// The aggregate writer on DynamoDB Local: any workload, batching, concurrency and cold start gives exact reports,
// no item passes one write unit, and the cap moves only new values to (other).
import {
  DISTINCT_CAP,
  type Dimension,
  itemBytes,
  NODE_TARGET_BYTES,
  OTHER_VALUE,
  parseTrieSection,
  sectionOf,
  utcDayKey,
  ViewDelta,
} from '@footfall/core-model';
import fc from 'fast-check';
import {
  aggregate,
  buildBreakdown,
  readDayCounts,
  readPageHours,
  readSiteHours,
  type Table,
  TrieKnowledge,
} from '../../src';
import { allItems, freshTable } from '../helpers/table';
import { expectedHours, expectedRows } from '../helpers/truth';
import { aView, type Change, DAY_START, historyOf } from '../helpers/views';

jest.setTimeout(300_000);

let SITE = 'example.com';
let run = 0;

let table: Table & { cleanup: () => Promise<void> };
beforeEach(async () => {
  table = await freshTable();
  SITE = 'example.com';
});
afterEach(async () => {
  await table.cleanup();
});

/** Reads a breakdown over the days of `views` and returns value → [views, visitors]. */
async function breakdown(dimension: Dimension, days: string[]) {
  const sorted = [...days].sort();
  const { counts, errors } = await readDayCounts(
    table,
    SITE,
    dimension,
    sorted[0] ?? '',
    sorted[sorted.length - 1] ?? '',
  );
  expect(errors).toEqual([]);
  return buildBreakdown(counts, dimension, { limit: 100_000 }).rows;
}

function asMap(rows: { value: string; views: number; visitors: number }[]) {
  return new Map(rows.map((r) => [r.value, { views: r.views, visitors: r.visitors }]));
}

/** Applies batches of changes through several writers, some at once, some after a cold start. */
async function applyAll(batches: Change[][], writers: number, coldEvery: number, concurrent: boolean) {
  const knowledge = Array.from({ length: writers }, () => new TrieKnowledge());
  const run = async (changes: Change[], i: number) => {
    const k = knowledge[i % writers] as TrieKnowledge;
    if (coldEvery > 0 && i % coldEvery === coldEvery - 1) k.forget();
    const delta = new ViewDelta();
    for (const [before, after] of changes) delta.addChange(before, after);
    const outcome = await aggregate(table, delta, { knowledge: k, concurrency: 4 });
    expect(outcome.status).toBe('applied');
  };
  if (!concurrent) for (let i = 0; i < batches.length; i++) await run(batches[i] as Change[], i);
  else
    for (let i = 0; i < batches.length; i += writers)
      await Promise.all(batches.slice(i, i + writers).map((b, j) => run(b, i + j)));
}

/** Paths a site may see: a few popular ones, long multi-byte ones (512 bytes), and a long tail. */
const pathArb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('/', '/blog/', '/about', '/docs/getting-started') },
  { weight: 1, arbitrary: fc.nat(3).map((i) => `/${'€'.repeat(170)}${i}`) },
  { weight: 4, arbitrary: fc.nat(400).map((i) => `/docs/page-${i}`) },
);

const viewArb = fc.record({
  path: pathArb,
  hour: fc.nat(47),
  unique: fc.boolean(),
  bot: fc.boolean().map((b) => b && Math.random() < 0.2),
  referrer: fc.option(fc.constantFrom('google.com', 'news.ycombinator.com', `${'r'.repeat(240)}.example`), {
    nil: undefined,
  }),
  campaign: fc.option(
    fc.nat(30).map((i) => `spring-${i}`),
    { nil: undefined },
  ),
  reports: fc.array(fc.record({ duration: fc.nat(7200), scroll: fc.nat(100) }), { maxLength: 3 }),
  early: fc.nat(2),
});

describe('applyViewDelta on DynamoDB Local', () => {
  test('reports equal the ground truth for any workload, batching, writer concurrency and cold start', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(viewArb, { minLength: 30, maxLength: 150 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 3 }),
        fc.nat(4),
        fc.boolean(),
        fc.infiniteStream(fc.nat(1000)),
        async (specs, batchSize, writers, coldEvery, concurrent, order) => {
          // Prepare: every view's stream history, interleaved across views but in order per view. Each run
          // counts a site of its own in the same table.
          run += 1;
          SITE = `run${run}.example`;
          const finals = [];
          const queues: Change[][] = [];
          for (const s of specs) {
            const v = aView({
              site: SITE,
              path: s.path,
              time: DAY_START + s.hour * 3_600_000,
              unique: s.unique,
              bot: s.bot,
              device: s.bot ? 'bot' : 'desktop',
              referrer: s.referrer,
              utmCampaign: s.campaign,
            });
            const h = historyOf(v, s.reports, Math.min(s.early, s.reports.length));
            finals.push(h.final);
            queues.push([...h.changes]);
          }
          const stream: Change[] = [];
          const it = order[Symbol.iterator]();
          while (queues.some((q) => q.length > 0)) {
            const live = queues.filter((q) => q.length > 0);
            const q = live[(it.next().value as number) % live.length] as Change[];
            stream.push(q.shift() as Change);
          }
          const batches: Change[][] = [];
          for (let i = 0; i < stream.length; i += batchSize) batches.push(stream.slice(i, i + batchSize));

          // Act
          await applyAll(batches, writers, coldEvery, concurrent);

          // Assess
          const days = [...new Set(finals.map((v) => utcDayKey(v.time)))];
          for (const dimension of ['page', 'referrer', 'utm_campaign', 'browser', 'country'] as const)
            expect(asMap(await breakdown(dimension, days))).toEqual(expectedRows(finals, dimension));
          const site = await readSiteHours(table, SITE, days.sort());
          expect(site.errors).toEqual([]);
          expect(site.hours).toEqual(expectedHours(finals));
          for (const path of new Set(finals.slice(0, 3).map((v) => v.path))) {
            const page = await readPageHours(table, SITE, path, days);
            expect(page.hours).toEqual(
              new Map(
                [...expectedHours(finals, path)]
                  .filter(([, c]) => c.views > 0 || c.engaged > 0)
                  .map(([h, c]) => [h, { ...c, bots: 0 }]),
              ),
            );
          }
        },
      ),
      { numRuns: 8 },
    );
    for (const item of await allItems(table))
      if (parseTrieSection(sectionOf(item))) expect(itemBytes(item)).toBeLessThanOrEqual(NODE_TARGET_BYTES);
  });

  test('past the cap, new values count in (other) and known ones stay exact; totals never change', async () => {
    // Prepare: 30 pages seen once each, then the first 5 again; a cap of 10 pages a day.
    const first = Array.from({ length: 30 }, (_, i) => aView({ path: `/p${i}`, referrer: `r${i}.example` }));
    const again = first.slice(0, 5).map((v) => aView({ path: v.path, referrer: v.referrer }));
    const caps = { page: 10, referrer: 10 };

    // Act: in batches of 4, so the cap is met in the middle of a batch.
    const knowledge = new TrieKnowledge();
    for (const views of [first, again])
      for (let i = 0; i < views.length; i += 4) {
        const delta = new ViewDelta();
        for (const v of views.slice(i, i + 4)) delta.addChange(undefined, v);
        expect((await aggregate(table, delta, { knowledge, caps })).status).toBe('applied');
      }

    // Assess
    const day = utcDayKey(DAY_START);
    for (const dimension of ['page', 'referrer'] as const) {
      const rows = await breakdown(dimension, [day]);
      const other = rows.find((r) => r.value === OTHER_VALUE);
      const exact = rows.filter((r) => r.value !== OTHER_VALUE);
      expect(exact).toHaveLength(10);
      expect(exact.slice(0, 5).map((r) => r.views)).toEqual([2, 2, 2, 2, 2]);
      expect(other).toEqual({ value: OTHER_VALUE, views: 20, visitors: 20 });
      expect(rows.reduce((n, r) => n + r.views, 0)).toBe(35);
    }
  });

  test('a flood aimed at one hash prefix fills items to one write unit and no further', async () => {
    // Prepare: 150 distinct 512-byte paths whose hashes all start with the same two hex digits.
    const { valueHash } = await import('@footfall/core-model');
    const paths: string[] = [];
    for (let i = 0; paths.length < 150; i++) {
      const p = `/${'ß'.repeat(250)}${i.toString(36)}`;
      if (valueHash(p).hex.startsWith('00')) paths.push(p);
    }
    const delta = new ViewDelta();
    for (const path of paths) delta.addChange(undefined, aView({ path }));

    // Act
    const outcome = await aggregate(table, delta);

    // Assess
    expect(outcome.status).toBe('applied');
    const items = (await allItems(table)).filter((i) => parseTrieSection(sectionOf(i))?.dimension === 'page');
    expect(items.length).toBeGreaterThan(50);
    for (const item of items) expect(itemBytes(item)).toBeLessThanOrEqual(NODE_TARGET_BYTES);
    expect((await breakdown('page', [utcDayKey(DAY_START)])).length).toBe(150);
    expect(DISTINCT_CAP.page).toBeGreaterThan(150);
  });
});
