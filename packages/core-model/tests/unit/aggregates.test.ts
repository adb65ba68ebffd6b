// Aggregates: what a view counts towards, how a batch's deltas are written with ADD, and how they read back.
import fc from 'fast-check';
import {
  addBreakdownRows,
  contributions,
  counterUpdates,
  DeltaSet,
  type Dimension,
  dimsKey,
  emptyHour,
  HOUR_SHARDS,
  hourItemKey,
  type Item,
  PAGE_SHARDS,
  PAIR_RADIX,
  type PairCount,
  pagesKey,
  pathDigest,
  type RawView,
  readHourItem,
  readSeriesItem,
  seriesKey,
} from '../../src';
import { applyDeltaSet, MemoryTable } from '../helpers/memoryTable';
import { aView, VIEW_TIME } from '../helpers/views';

const DAY = '2026-03-08';
const HOUR_START = Date.UTC(2026, 2, 8, 14);
const SITE = 'example.com';

/** Contributions as `[Section, attribute, delta]`, the way the table would show them. */
const cells = (v: RawView) => contributions(v).map(([k, a, d]) => [k.Section.S, a, d]);

/** One batch of stream changes folded into a DeltaSet. */
function batch(...changes: [RawView | undefined, RawView][]): DeltaSet {
  const deltas = new DeltaSet();
  for (const [before, after] of changes) deltas.addChange(before, after);
  return deltas;
}

/** The hour item holding `path`'s counters for 14:00 UTC. */
const hourOf = (path: string) => hourItemKey(SITE, pathDigest(path).hourShard, `${DAY}T14`);

function seriesHour(table: MemoryTable) {
  const item = table.get(seriesKey(SITE, DAY));
  return item ? readSeriesItem(item).value.get(HOUR_START) : undefined;
}

function breakdown(table: MemoryTable, dimension: Dimension): Map<string, PairCount> {
  const rows = new Map<string, PairCount>();
  for (const item of [...table.query('pages#'), ...table.query('dims#')]) {
    expect(addBreakdownRows(item, dimension, rows)).toEqual([]);
  }
  return rows;
}

describe('contributions of one stored view', () => {
  test('a unique non-bot view counts a view and a visitor everywhere', () => {
    // Prepare
    const view = aView();
    const { hash, shard, hourShard } = pathDigest('/blog/');
    const hour = `hour#${hourShard}#${DAY}T14`;
    const pair = PAIR_RADIX + 1n;

    // Act
    const result = cells(view);

    // Assess
    expect(result).toEqual(
      expect.arrayContaining([
        [`series#${DAY}`, 'v14', 1n],
        [`series#${DAY}`, 'u14', 1n],
        [hour, `v:${hash}`, 1n],
        [hour, `u:${hash}`, 1n],
        [`pages#${DAY}#${shard}`, '/blog/', pair],
        [`dims#s#${DAY}`, 'r:news.ycombinator.com', pair],
        [`dims#s#${DAY}`, 's:newsletter', pair],
        [`dims#s#${DAY}`, 'm:spring', pair],
        [`dims#t#${DAY}`, 'b:Firefox', pair],
        [`dims#t#${DAY}`, 'o:Linux', pair],
        [`dims#t#${DAY}`, 'd:desktop', pair],
        [`dims#t#${DAY}`, 'c:DE', pair],
      ]),
    );
    expect(result).toHaveLength(12);
    expect(contributions(view).every(([k]) => k.Path.S === `site#${SITE}`)).toBe(true);
  });

  test('a non-unique view counts a view but no visitor', () => {
    // Prepare
    const table = new MemoryTable();

    // Act
    applyDeltaSet(table, batch([undefined, aView({ unique: false })]));

    // Assess
    expect(seriesHour(table)).toEqual({ ...emptyHour(), views: 1 });
    expect(breakdown(table, 'page').get('/blog/')).toEqual({ views: 1, visitors: 0 });
    expect(breakdown(table, 'browser').get('Firefox')).toEqual({ views: 1, visitors: 0 });
  });

  test('a bot counts only as a bot of its hour', () => {
    // Act
    const result = cells(aView({ bot: true, device: 'bot', browser: 'GPTBot' }));

    // Assess
    expect(result).toEqual([[`series#${DAY}`, 'b14', 1n]]);
  });

  test('a view with engagement adds its duration and scroll to the series and the page hour', () => {
    // Prepare
    const plain = cells(aView({ id: '00000000-0000-4000-8000-0000000000aa' }));
    const { hash, hourShard } = pathDigest('/blog/');
    const hour = `hour#${hourShard}#${DAY}T14`;

    // Act
    const engaged = cells(aView({ id: '00000000-0000-4000-8000-0000000000aa', duration: 42, scroll: 80 }));

    // Assess
    expect(engaged).toEqual([
      ...plain.slice(0, 5),
      [`series#${DAY}`, 'n14', 1n],
      [`series#${DAY}`, 'd14', 42n],
      [`series#${DAY}`, 's14', 80n],
      [hour, `n:${hash}`, 1n],
      [hour, `d:${hash}`, 42n],
      [hour, `s:${hash}`, 80n],
      ...plain.slice(5),
    ]);
  });

  test('dimensions a view does not have are not counted', () => {
    // Act
    const result = cells(
      aView({ referrer: undefined, country: undefined, utmSource: undefined, utmCampaign: undefined }),
    );

    // Assess
    expect(result.filter(([section]) => String(section).startsWith('dims#')).map(([, a]) => a)).toEqual([
      'b:Firefox',
      'o:Linux',
      'd:desktop',
    ]);
  });
});

describe('DeltaSet.addChange: engagement counts once and the latest value wins', () => {
  const id = '00000000-0000-4000-8000-00000000e001';
  const inserted = aView({ id });
  const first = aView({ id, duration: 30, scroll: 50 });
  const repeated = aView({ id, duration: 90, scroll: 100 });
  const decreased = aView({ id, duration: 20, scroll: 10 });
  const changes: [RawView | undefined, RawView][] = [
    [undefined, inserted],
    [inserted, first],
    [first, repeated],
    [repeated, decreased],
  ];

  test.each([
    ['the INSERT alone', 1, { views: 1, visitors: 1 }],
    ['the first engagement', 2, { views: 1, visitors: 1, engaged: 1, durationSum: 30, scrollSum: 50 }],
    [
      'a repeated, larger engagement',
      3,
      { views: 1, visitors: 1, engaged: 1, durationSum: 90, scrollSum: 100 },
    ],
    ['a decreasing engagement', 4, { views: 1, visitors: 1, engaged: 1, durationSum: 20, scrollSum: 10 }],
  ])('after %s, one batch per record', (_label, records, expected) => {
    // Prepare
    const table = new MemoryTable();

    // Act
    for (const change of changes.slice(0, records)) applyDeltaSet(table, batch(change));

    // Assess
    expect(seriesHour(table)).toEqual({ ...emptyHour(), ...expected });
    expect(readHourItem(table.get(hourOf('/blog/')) ?? {}, '/blog/').value.counters).toEqual({
      ...emptyHour(),
      ...expected,
    });
    expect(breakdown(table, 'page').get('/blog/')).toEqual({ views: 1, visitors: 1 });
  });

  test('the whole history in one batch gives the same counters', () => {
    // Prepare
    const table = new MemoryTable();

    // Act
    applyDeltaSet(table, batch(...changes));

    // Assess
    expect(seriesHour(table)).toEqual({
      ...emptyHour(),
      views: 1,
      visitors: 1,
      engaged: 1,
      durationSum: 20,
      scrollSum: 10,
    });
  });

  test('an engagement resent with the same values writes nothing', () => {
    // Act
    const deltas = batch([first, aView({ ...first })]);

    // Assess
    expect(deltas.size).toBe(0);
    expect(deltas.entries()).toEqual([]);
  });
});

describe('DeltaSet.merge and negated', () => {
  const views = [
    aView(),
    aView({ path: '/about', unique: false, country: 'US' }),
    aView({ bot: true }),
    aView({ duration: 12, scroll: 40, time: VIEW_TIME + 3_600_000 }),
  ];

  test('merging two batches writes what writing both would', () => {
    // Prepare
    const a = batch([undefined, views[0] ?? aView()], [undefined, views[1] ?? aView()]);
    const b = batch([undefined, views[2] ?? aView()], [undefined, views[3] ?? aView()]);
    const separately = new MemoryTable();
    const merged = new MemoryTable();

    // Act
    applyDeltaSet(separately, a);
    applyDeltaSet(separately, b);
    a.merge(b);
    applyDeltaSet(merged, a);

    // Assess
    expect(readSeriesItem(merged.get(seriesKey(SITE, DAY)) ?? {})).toEqual(
      readSeriesItem(separately.get(seriesKey(SITE, DAY)) ?? {}),
    );
    expect(breakdown(merged, 'page')).toEqual(breakdown(separately, 'page'));
    expect(breakdown(merged, 'country')).toEqual(
      new Map([
        ['DE', { views: 2, visitors: 2 }],
        ['US', { views: 1, visitors: 0 }],
      ]),
    );
  });

  test('applying a batch and then its negation leaves every counter at zero', () => {
    // Prepare
    const deltas = batch(...views.map((v): [undefined, RawView] => [undefined, v]));
    const table = new MemoryTable();

    // Act
    applyDeltaSet(table, deltas);
    applyDeltaSet(table, deltas.negated());

    // Assess
    const counters = [...table.query('')].flatMap((item) =>
      Object.entries(item).filter(([name]) => name !== 'Path' && name !== 'Section'),
    );
    expect(counters.length).toBeGreaterThan(0);
    expect(counters.every(([, v]) => v.N === '0')).toBe(true);
    const cancelled = batch(...views.map((v): [undefined, RawView] => [undefined, v]));
    cancelled.merge(deltas.negated());
    expect(cancelled.size).toBe(0);
  });
});

describe('counterUpdates', () => {
  const key = pagesKey(SITE, DAY, '3');

  test('spells attribute names only through placeholders, however odd the path', () => {
    // Prepare
    const names = ['/a b', '/#hash', '/:colon', '/über/日本語', `/${'x'.repeat(511)}`, '#a0', ':a0', 'ADD'];
    const adds = new Map(names.map((n, i) => [n, BigInt(i + 1)]));
    const table = new MemoryTable();

    // Act
    const updates = counterUpdates('Footfall', key, adds);
    table.applyAll(updates);

    // Assess
    expect(updates).toHaveLength(1);
    const [update] = updates;
    expect(update?.UpdateExpression).toMatch(/^ADD #a\d+ :a\d+(, #a\d+ :a\d+)*$/);
    expect(Object.values(update?.ExpressionAttributeNames ?? {}).sort()).toEqual([...names].sort());
    expect(update?.TableName).toBe('Footfall');
    expect(update?.Key).toEqual(key);
    const item = table.get(key) ?? {};
    names.forEach((n, i) => {
      expect(item[n]).toEqual({ N: String(i + 1) });
    });
  });

  test('splits more than 150 attributes into several updates of the same item', () => {
    // Prepare
    const adds = new Map(Array.from({ length: 400 }, (_, i) => [`/page/${i}`, 1n]));
    const table = new MemoryTable();

    // Act
    const updates = counterUpdates('Footfall', key, adds);
    table.applyAll(updates);

    // Assess
    expect(updates.map((u) => Object.keys(u.ExpressionAttributeNames ?? {}).length)).toEqual([150, 150, 100]);
    expect(updates.every((u) => u.Key === key)).toBe(true);
    const written = Object.keys(table.get(key) ?? {}).filter((n) => n.startsWith('/'));
    expect(written.sort()).toEqual([...adds.keys()].sort());
  });

  test('writes negative deltas and skips zero ones', () => {
    // Act
    const updates = counterUpdates(
      'Footfall',
      key,
      new Map([
        ['/a', -3n],
        ['/b', 0n],
      ]),
    );
    const none = counterUpdates('Footfall', key, new Map());

    // Assess
    expect(updates).toHaveLength(1);
    expect(updates[0]?.ExpressionAttributeValues).toEqual({ ':a0': { N: '-3' } });
    expect(none).toEqual([]);
  });
});

describe('readers decode what the updates wrote', () => {
  test('readSeriesItem returns every hour that saw traffic, keyed by its UTC start', () => {
    // Prepare
    const table = new MemoryTable();
    applyDeltaSet(
      table,
      batch(
        [undefined, aView()],
        [undefined, aView({ unique: false, duration: 10, scroll: 30 })],
        [undefined, aView({ bot: true, time: Date.UTC(2026, 2, 8, 0, 5) })],
      ),
    );

    // Act
    const { value, errors } = readSeriesItem(table.get(seriesKey(SITE, DAY)) ?? {});

    // Assess
    expect(errors).toEqual([]);
    expect([...value.keys()]).toEqual([Date.UTC(2026, 2, 8, 0), HOUR_START]);
    expect(value.get(Date.UTC(2026, 2, 8, 0))).toEqual({ ...emptyHour(), bots: 1 });
    expect(value.get(HOUR_START)).toEqual({
      ...emptyHour(),
      views: 2,
      visitors: 1,
      engaged: 1,
      durationSum: 10,
      scrollSum: 30,
    });
  });

  test('readHourItem finds one page by its path and nothing for a page without views', () => {
    // Prepare
    const table = new MemoryTable();
    applyDeltaSet(table, batch([undefined, aView()], [undefined, aView({ path: '/about' })]));
    const item = table.get(hourOf('/blog/')) ?? {};

    // Act
    const blog = readHourItem(item, '/blog/');
    const missing = readHourItem(item, '/never-visited');

    // Assess
    expect(blog).toEqual({
      value: { hour: HOUR_START, counters: { ...emptyHour(), views: 1, visitors: 1 } },
      errors: [],
    });
    expect(missing).toEqual({ value: { hour: HOUR_START }, errors: [] });
  });

  test('addBreakdownRows sums pages over all shards and dimension values over dims items', () => {
    // Prepare
    const table = new MemoryTable();
    const paths = Array.from({ length: 40 }, (_, i) => `/post/${i}`);
    applyDeltaSet(
      table,
      batch(...paths.map((path): [undefined, RawView] => [undefined, aView({ path })]), [
        undefined,
        aView({ path: '/post/0', unique: false, referrer: undefined }),
      ]),
    );

    // Act
    const pages = breakdown(table, 'page');
    const referrers = breakdown(table, 'referrer');
    const devices = breakdown(table, 'device');

    // Assess
    expect(new Set(table.query('pages#').map((i) => i.Section?.S)).size).toBeGreaterThan(1);
    expect(pages.size).toBe(40);
    expect(pages.get('/post/0')).toEqual({ views: 2, visitors: 1 });
    expect(pages.get('/post/39')).toEqual({ views: 1, visitors: 1 });
    expect(referrers).toEqual(new Map([['news.ycombinator.com', { views: 40, visitors: 40 }]]));
    expect(devices).toEqual(new Map([['desktop', { views: 41, visitors: 40 }]]));
  });

  test('a page breakdown ignores dims items and a dimension breakdown ignores pages items', () => {
    // Prepare
    const table = new MemoryTable();
    applyDeltaSet(table, batch([undefined, aView({ browser: '/looks-like-a-path' })]));
    const dims = table.get(dimsKey(SITE, DAY, 't')) ?? {};
    const rows = new Map<string, PairCount>();

    // Act
    addBreakdownRows(dims, 'page', rows);
    for (const item of table.query('pages#')) addBreakdownRows(item, 'browser', rows);

    // Assess
    expect(rows.size).toBe(0);
  });

  test('packed pairs decode as views × 10^10 + visitors', () => {
    // Prepare
    const item: Item = {
      Section: { S: `pages#${DAY}#0` },
      '/a': { N: (123n * PAIR_RADIX + 45n).toString() },
      '/b': { N: (5_000_000n * PAIR_RADIX + 4_999_999n).toString() },
      '/c': { N: PAIR_RADIX.toString() },
    };
    const rows = new Map<string, PairCount>();

    // Act
    const errors = addBreakdownRows(item, 'page', rows);

    // Assess
    expect(errors).toEqual([]);
    expect(rows).toEqual(
      new Map([
        ['/a', { views: 123, visitors: 45 }],
        ['/b', { views: 5_000_000, visitors: 4_999_999 }],
        ['/c', { views: 1, visitors: 0 }],
      ]),
    );
  });
});

describe('readers return bad attributes as errors', () => {
  test('a series hour with malformed counters reads as zeros plus located errors', () => {
    // Prepare
    const item: Item = {
      Section: { S: `series#${DAY}` },
      v05: { S: 'x' },
      u05: { N: '1.5' },
      v06: { N: '3' },
    };

    // Act
    const { value, errors } = readSeriesItem(item);

    // Assess
    expect(errors.map((e) => e.message)).toEqual([
      'v05: expected N, found S',
      'u05: expected integer N, found 1.5',
    ]);
    expect(value.get(Date.UTC(2026, 2, 8, 5))).toEqual(emptyHour());
    expect(value.get(Date.UTC(2026, 2, 8, 6))).toEqual({ ...emptyHour(), views: 3 });
  });

  test('a breakdown row that is not a number is reported and skipped', () => {
    // Prepare
    const item = {
      Section: { S: `dims#${DAY}` },
      'c:DE': { N: 'abc' },
      'c:FR': { N: PAIR_RADIX.toString() },
      'c:US': { NULL: true },
    } as Item;
    const rows = new Map<string, PairCount>();

    // Act
    const errors = addBreakdownRows(item, 'country', rows);

    // Assess
    expect(errors.map((e) => e.path)).toEqual(['c:DE', 'c:US']);
    expect(rows).toEqual(new Map([['FR', { views: 1, visitors: 0 }]]));
  });

  test('an item whose Section carries no day or hour is an error, not a throw', () => {
    // Prepare
    const series = { Section: { S: 'series#yesterday' }, v00: { N: '1' } } as Item;
    const hour = { Section: { N: '1' } } as Item;
    const unsharded = { Section: { S: `hour#${DAY}T14` }, 'v:il7asoJj': { N: '1' } } as Item;

    // Act
    const s = readSeriesItem(series);
    const h = readHourItem(hour, '/');
    const u = readHourItem(unsharded, '/');

    // Assess
    expect(s.value.size).toBe(0);
    expect(s.errors.map((e) => e.message)).toEqual([
      'Section: expected S series#YYYY-MM-DD, found "series#yesterday"',
    ]);
    expect(h.value.counters).toBeUndefined();
    expect(h.errors.map((e) => e.message)).toEqual([
      'Section: expected S hour#<shard>#YYYY-MM-DDTHH, found N',
    ]);
    expect(u.value.counters).toBeUndefined();
    expect(u.errors).toHaveLength(1);
  });
});

describe('pathDigest', () => {
  test('is pinned: hour items already written name pages by it', () => {
    expect(pathDigest('/')).toEqual({ hash: 'il7asoJj', shard: 'a', hourShard: '2' });
    expect(pathDigest('/blog/')).toEqual({ hash: 'aKEgrH4g', shard: '8', hourShard: '1' });
  });

  test('is 8 base64url chars and hex shards below PAGE_SHARDS and HOUR_SHARDS, the same on every call', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (path) => {
        // Act
        const first = pathDigest(path);
        const again = pathDigest(path);

        // Assess
        expect(again).toEqual(first);
        expect(first.hash).toMatch(/^[A-Za-z0-9_-]{8}$/);
        expect(first.shard).toMatch(/^[0-9a-f]$/);
        expect(Number.parseInt(first.shard, 16)).toBeLessThan(PAGE_SHARDS);
        expect(first.hourShard).toMatch(/^[0-9a-f]$/);
        expect(Number.parseInt(first.hourShard, 16)).toBeLessThan(HOUR_SHARDS);
      }),
      { numRuns: 300 },
    );
  });
});
