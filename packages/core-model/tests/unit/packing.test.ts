// Packed counters: several counts in one number decode exactly, and adding packed numbers adds the counts.
import fc from 'fast-check';
import {
  HOT_ENTRY_VIEWS,
  PAGE_HOUR_LIMIT,
  packPageHour,
  packPair,
  unpackPageHour,
  unpackPair,
  type ViewCounters,
} from '../../src';

/** Counters of one page-hour entry while writers still add to it (views below the hot mark, plus one batch). */
const pageHour: fc.Arbitrary<ViewCounters> = fc
  .record({
    views: fc.bigInt(0n, HOT_ENTRY_VIEWS + 10_000n),
    engagedShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .chain(({ views, engagedShare }) => {
    const engaged = BigInt(Math.floor(Number(views) * engagedShare));
    return fc.record({
      views: fc.constant(views),
      visitors: fc.bigInt(0n, views),
      engaged: fc.constant(engaged),
      durationSum: fc.bigInt(0n, engaged * 7200n),
      scrollSum: fc.bigInt(0n, engaged * 100n),
    });
  });

describe('pairs', () => {
  test('views and visitors come back exactly, and packed pairs add like their parts', () => {
    fc.assert(
      fc.property(fc.bigInt(0n, 10n ** 9n), fc.bigInt(0n, 10n ** 9n), (a, b) => {
        const [views, visitors] = a >= b ? [a, b] : [b, a];
        expect(unpackPair(packPair(views, visitors))).toEqual({
          views: Number(views),
          visitors: Number(visitors),
        });
        expect(unpackPair(packPair(views, visitors) + packPair(1n, 1n))).toEqual({
          views: Number(views) + 1,
          visitors: Number(visitors) + 1,
        });
      }),
    );
  });

  test('a number that no pair can be is refused, not misread', () => {
    expect(unpackPair(-1n)).toBeUndefined();
    expect(unpackPair(packPair(1n, 2n))).toBeUndefined();
  });
});

describe('page hours', () => {
  test('every part comes back exactly, within 38 digits', () => {
    fc.assert(
      fc.property(pageHour, (c) => {
        const n = packPageHour(c);
        expect(n.toString().length).toBeLessThanOrEqual(38);
        expect(unpackPageHour(n)).toEqual(c);
      }),
    );
  });

  test('adding packed numbers adds each part (what DynamoDB ADD does to a stored entry)', () => {
    fc.assert(
      fc.property(fc.array(pageHour, { minLength: 1, maxLength: 5 }), (parts) => {
        const sum = parts.reduce((s, c) => s + packPageHour(c), 0n);
        const expected = parts.reduce(
          (a, c) => ({
            views: a.views + c.views,
            visitors: a.visitors + c.visitors,
            engaged: a.engaged + c.engaged,
            durationSum: a.durationSum + c.durationSum,
            scrollSum: a.scrollSum + c.scrollSum,
          }),
          { views: 0n, visitors: 0n, engaged: 0n, durationSum: 0n, scrollSum: 0n },
        );
        fc.pre(expected.views < 1_000_000n);
        expect(unpackPageHour(sum)).toEqual(expected);
      }),
    );
  });

  test('negative or oversized numbers are refused', () => {
    expect(unpackPageHour(-1n)).toBeUndefined();
    expect(unpackPageHour(PAGE_HOUR_LIMIT)).toBeUndefined();
  });
});
