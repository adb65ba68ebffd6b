// ViewDelta: what a stored view counts towards, engagement counted once as its largest report, and imported counts.
import fc from 'fast-check';
import {
  packPair,
  type RawView,
  seriesAttribute,
  techAttribute,
  type ViewCounters,
  ViewDelta,
  zeroCounters,
} from '../../src';
import { aView, VIEW_TIME } from '../helpers/views';

const DAY = '2026-03-08';
const HOUR = 14;

/** The one day of a delta, with its series as a plain object. */
function only(delta: ViewDelta) {
  const days = delta.days();
  expect(days).toHaveLength(1);
  const d = days[0];
  if (!d) throw new Error('no day');
  return d;
}

function seriesOf(delta: ViewDelta): Record<string, bigint> {
  return Object.fromEntries(only(delta).series);
}

function batch(...changes: [RawView | undefined, RawView][]): ViewDelta {
  const delta = new ViewDelta();
  for (const [before, after] of changes) delta.addChange(before, after);
  return delta;
}

describe('what one view counts towards', () => {
  test('a unique view counts a view and a visitor in its hour, page, dimensions and sources', () => {
    // Act
    const d = only(batch([undefined, aView()]));

    // Assess
    expect(d.site).toBe('example.com');
    expect(d.day).toBe(DAY);
    expect(Object.fromEntries(d.series)).toEqual({
      [seriesAttribute('v', HOUR)]: 1n,
      [seriesAttribute('u', HOUR)]: 1n,
    });
    expect(Object.fromEntries(d.tech)).toEqual({
      [techAttribute('browser', 'Firefox')]: packPair(1n, 1n),
      [techAttribute('os', 'Linux')]: packPair(1n, 1n),
      [techAttribute('device', 'desktop')]: packPair(1n, 1n),
      [techAttribute('country', 'DE')]: packPair(1n, 1n),
    });
    expect(d.values.get('page')?.get('/blog/')?.hours.get(HOUR)).toEqual({
      views: 1n,
      visitors: 1n,
      engaged: 0n,
      durationSum: 0n,
      scrollSum: 0n,
    });
    for (const [dimension, value] of [
      ['referrer', 'news.ycombinator.com'],
      ['utm_source', 'newsletter'],
      ['utm_campaign', 'spring'],
    ] as const)
      expect(d.values.get(dimension)?.get(value)).toMatchObject({ views: 1n, visitors: 1n });
  });

  test('a view that is not unique counts no visitor; missing dimensions are not counted', () => {
    // Act
    const d = only(
      batch([
        undefined,
        aView({
          unique: false,
          referrer: undefined,
          utmSource: undefined,
          utmCampaign: undefined,
          country: undefined,
        }),
      ]),
    );

    // Assess
    expect(d.series.get(seriesAttribute('u', HOUR))).toBeUndefined();
    expect([...d.values.keys()]).toEqual(['page']);
    expect([...d.tech.keys()].some((k) => k.startsWith('c:'))).toBe(false);
  });

  test('a bot counts only as a bot of its hour', () => {
    const d = only(batch([undefined, aView({ bot: true, device: 'bot' })]));
    expect(Object.fromEntries(d.series)).toEqual({ [seriesAttribute('b', HOUR)]: 1n });
    expect(d.values.size).toBe(0);
    expect(d.tech.size).toBe(0);
  });
});

describe('engagement counts once, as the largest report', () => {
  const view = aView();

  test('a view stored with engagement counts it with the view (it arrived first)', () => {
    expect(seriesOf(batch([undefined, { ...view, duration: 100, scroll: 50 }]))).toMatchObject({
      [seriesAttribute('n', HOUR)]: 1n,
      [seriesAttribute('d', HOUR)]: 100n,
      [seriesAttribute('s', HOUR)]: 50n,
    });
  });

  test.each([
    ['grows', { duration: 10, scroll: 20 }, { duration: 30, scroll: 40 }, { n: 0n, d: 20n, s: 20n }],
    ['first arrives', undefined, { duration: 30, scroll: 40 }, { n: 1n, d: 30n, s: 40n }],
    ['shrinks (an old report late)', { duration: 30, scroll: 40 }, { duration: 10, scroll: 20 }, undefined],
    [
      'grows in one value only',
      { duration: 30, scroll: 40 },
      { duration: 10, scroll: 90 },
      { n: 0n, d: 0n, s: 50n },
    ],
  ])('when engagement %s', (_name, before, after, expected) => {
    // Act
    const delta = batch([
      { ...view, ...before },
      { ...view, ...after },
    ]);

    // Assess
    if (expected === undefined) expect(delta.isEmpty).toBe(true);
    else {
      const series = seriesOf(delta);
      expect(series[seriesAttribute('n', HOUR)] ?? 0n).toBe(expected.n);
      expect(series[seriesAttribute('d', HOUR)] ?? 0n).toBe(expected.d);
      expect(series[seriesAttribute('s', HOUR)] ?? 0n).toBe(expected.s);
      expect(series[seriesAttribute('v', HOUR)]).toBeUndefined();
    }
  });

  test("a view's whole history in one batch counts the view once with its final engagement", () => {
    // Prepare
    const steps = [view, { ...view, duration: 5, scroll: 10 }, { ...view, duration: 60, scroll: 80 }];

    // Act
    const delta = batch(
      [undefined, steps[0] as RawView],
      [steps[0], steps[1] as RawView],
      [steps[1], steps[2] as RawView],
    );

    // Assess
    expect(seriesOf(delta)).toEqual(seriesOf(batch([undefined, steps[2] as RawView])));
  });
});

describe('merge and days', () => {
  test('merging per-record deltas equals one delta of every record, in any order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ path: fc.constantFrom('/a', '/b'), hour: fc.nat(23), unique: fc.boolean() }), {
          minLength: 1,
          maxLength: 20,
        }),
        (specs) => {
          const views = specs.map((s) =>
            aView({ path: s.path, unique: s.unique, time: VIEW_TIME - 14 * 3_600_000 + s.hour * 3_600_000 }),
          );
          const whole = batch(...views.map((v): [undefined, RawView] => [undefined, v]));
          const merged = new ViewDelta();
          for (const v of [...views].reverse()) merged.merge(batch([undefined, v]));
          expect(merged.days()).toEqual(whole.days());
        },
      ),
    );
  });

  test('views of two sites or two UTC days are kept apart', () => {
    const delta = batch(
      [undefined, aView()],
      [undefined, aView({ site: 'b.example' })],
      [undefined, aView({ time: VIEW_TIME + 86_400_000 })],
    );
    expect(
      delta
        .days()
        .map((d) => `${d.site} ${d.day}`)
        .sort(),
    ).toEqual(['b.example 2026-03-08', 'example.com 2026-03-08', 'example.com 2026-03-09']);
  });
});

describe('imported counts (not views)', () => {
  const SITE = 'example.com';
  const counts = (c: Partial<ViewCounters>): ViewCounters => ({ ...zeroCounters(), ...c });

  test('site, page and value counts land where a view of that hour would have counted', () => {
    // Prepare
    const delta = new ViewDelta();
    const hour = counts({ views: 5n, visitors: 3n, engaged: 5n, durationSum: 400n, scrollSum: 250n });

    // Act
    const results = [
      delta.addSiteCounts(SITE, DAY, 9, hour),
      delta.addPageCounts(SITE, DAY, '/blog/', 9, hour),
      delta.addPageCounts(SITE, DAY, '/blog/', 9, counts({ views: 1n })),
      delta.addValueCounts(SITE, DAY, 'browser', 'Mobile-Safari', 4n, 0n),
      delta.addValueCounts(SITE, DAY, 'browser', 'Mobile-Safari', 1n, 0n),
      delta.addValueCounts(SITE, DAY, 'referrer', 'news.ycombinator.com', 2n, 2n),
    ];

    // Assess
    expect(results.every((r) => r.ok)).toBe(true);
    const d = only(delta);
    expect(Object.fromEntries(d.series)).toEqual({
      [seriesAttribute('v', 9)]: 5n,
      [seriesAttribute('u', 9)]: 3n,
      [seriesAttribute('n', 9)]: 5n,
      [seriesAttribute('d', 9)]: 400n,
      [seriesAttribute('s', 9)]: 250n,
    });
    expect(d.values.get('page')?.get('/blog/')?.hours.get(9)).toEqual({
      views: 6n,
      visitors: 3n,
      engaged: 5n,
      durationSum: 400n,
      scrollSum: 250n,
    });
    expect(Object.fromEntries(d.tech)).toEqual({
      [techAttribute('browser', 'Mobile-Safari')]: packPair(5n, 0n),
    });
    expect(d.values.get('referrer')?.get('news.ycombinator.com')).toMatchObject({ views: 2n, visitors: 2n });
  });

  test('imported counts and views of the same day add up in one delta', () => {
    // Prepare
    const delta = batch([undefined, aView()]);

    // Act
    delta.addSiteCounts(SITE, DAY, HOUR, counts({ views: 2n }));

    // Assess
    expect(seriesOf(delta)[seriesAttribute('v', HOUR)]).toBe(3n);
  });

  test.each([
    ['a negative count', () => counts({ views: -1n }), 'views'],
    ['more visitors than views', () => counts({ views: 1n, visitors: 2n }), 'visitors'],
    ['more engaged views than views', () => counts({ views: 1n, engaged: 2n }), 'engaged'],
  ])('%s is refused and adds nothing', (_name, make, path) => {
    // Prepare
    const delta = new ViewDelta();

    // Act
    const site = delta.addSiteCounts(SITE, DAY, 3, make());
    const page = delta.addPageCounts(SITE, DAY, '/', 3, make());

    // Assess
    expect(site).toMatchObject({ ok: false, error: { path } });
    expect(page).toMatchObject({ ok: false, error: { path } });
    expect(delta.isEmpty).toBe(true);
  });

  test('a day or hour that does not exist is refused', () => {
    const delta = new ViewDelta();
    expect(delta.addSiteCounts(SITE, '2022-02-30', 0, counts({ views: 1n }))).toMatchObject({
      ok: false,
      error: { path: 'day' },
    });
    expect(delta.addSiteCounts(SITE, DAY, 24, counts({ views: 1n }))).toMatchObject({
      ok: false,
      error: { path: 'hour' },
    });
    expect(delta.addValueCounts(SITE, DAY, 'country', 'DE', 1n, 2n)).toMatchObject({ ok: false });
    expect(delta.isEmpty).toBe(true);
  });

  test('a page-hour never receives more than a quarter of a packed part, even over several calls', () => {
    // Prepare
    const delta = new ViewDelta();

    // Act
    const first = delta.addPageCounts(SITE, DAY, '/', 0, counts({ views: 200_000n, scrollSum: 20_000_000n }));
    const second = delta.addPageCounts(SITE, DAY, '/', 0, counts({ views: 10n, scrollSum: 6_000_000n }));
    const pair = delta.addValueCounts(SITE, DAY, 'referrer', 'a.example', 2_500_000_001n, 0n);

    // Assess
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { path: 'scrollSum' } });
    expect(pair).toMatchObject({ ok: false, error: { path: 'views' } });
    expect(only(delta).values.get('page')?.get('/')?.hours.get(0)?.views).toBe(200_000n);
  });
});
