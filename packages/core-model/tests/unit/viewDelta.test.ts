// ViewDelta: what a stored view counts towards, and engagement counted once as its largest report.
import fc from 'fast-check';
import { packPair, type RawView, seriesAttribute, techAttribute, ViewDelta } from '../../src';
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
