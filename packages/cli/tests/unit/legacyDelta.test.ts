// One day of the original's data as the delta the import writes: hours where kept, day-only counts at 00,
// engaged views as the original averaged them, and every value Footfall would refuse left out with a reason.
import { packPair, seriesAttribute, techAttribute } from '@footfall/core-model';
import { legacyDayDelta, MAX_BROWSERS_PER_DAY } from '../../src/legacy/legacyDelta';
import type { LegacyDay, LegacyPageDay } from '../../src/legacy/legacyImport';

const SITE = 'example.com';
const c = (views: number, durationSum = 0, scrollSum = 0) => ({ views, durationSum, scrollSum });

/** A Rust-era day: hour counters, raw views for every view, pages by the hour, browsers and referrers. */
const HOURLY: LegacyDay = {
  day: '2022-06-20',
  site: c(3, 35, 70),
  hours: new Map([
    [9, c(2, 30, 60)],
    [10, c(1, 5, 10)],
  ]),
  visitorHours: new Map([
    [9, 1],
    [10, 1],
  ]),
  visitors: 2,
  source: 'hours',
  pages: new Map([
    [
      '/a',
      { ...c(2, 30, 60), hours: new Map([[9, c(2, 30, 60)]]), visitors: 1, visitorHours: new Map([[9, 1]]) },
    ],
    ['/b', { ...c(1, 5, 10), visitors: 1 }],
  ]),
  browsers: new Map([
    ['Chrome', 2],
    ['Mobile-Safari', 1],
  ]),
  referrers: new Map([['news.ycombinator.com', { views: 1, visitors: 1 }]]),
};

describe('legacyDayDelta', () => {
  it('writes the site and its pages by the hour, browsers and referrers of the day, every view engaged', () => {
    // Act
    const { delta, views, leftOut, visitorsUnknown } = legacyDayDelta(SITE, HOURLY);
    const [d] = delta.days();

    // Assess
    expect([views, leftOut, visitorsUnknown]).toEqual([3, [], false]);
    expect(Object.fromEntries(d?.series ?? [])).toEqual({
      [seriesAttribute('v', 9)]: 2n,
      [seriesAttribute('u', 9)]: 1n,
      [seriesAttribute('n', 9)]: 2n,
      [seriesAttribute('d', 9)]: 30n,
      [seriesAttribute('s', 9)]: 60n,
      [seriesAttribute('v', 10)]: 1n,
      [seriesAttribute('u', 10)]: 1n,
      [seriesAttribute('n', 10)]: 1n,
      [seriesAttribute('d', 10)]: 5n,
      [seriesAttribute('s', 10)]: 10n,
    });
    const pages = d?.values.get('page');
    expect(pages?.get('/a')?.hours).toEqual(
      new Map([[9, { views: 2n, visitors: 1n, engaged: 2n, durationSum: 30n, scrollSum: 60n }]]),
    );
    // /b has no hour items: its day is filed under 00.
    expect(pages?.get('/b')?.hours).toEqual(
      new Map([[0, { views: 1n, visitors: 1n, engaged: 1n, durationSum: 5n, scrollSum: 10n }]]),
    );
    expect(Object.fromEntries(d?.tech ?? [])).toEqual({
      [techAttribute('browser', 'Chrome')]: packPair(2n, 0n),
      [techAttribute('browser', 'Mobile-Safari')]: packPair(1n, 0n),
    });
    expect(d?.values.get('referrer')?.get('news.ycombinator.com')).toMatchObject({ views: 1n, visitors: 1n });
  });

  it('files a day-only count under 00, and counts no engaged view on a day without totals', () => {
    // Prepare: the Python era kept neither durations nor scrolls, nor raw views for every view.
    const day: LegacyDay = {
      day: '2021-02-07',
      site: c(4),
      source: 'day',
      pages: new Map([['/c', c(4)]]),
      browsers: new Map(),
    };

    // Act
    const { delta, visitorsUnknown } = legacyDayDelta(SITE, day);
    const [d] = delta.days();

    // Assess
    expect(Object.fromEntries(d?.series ?? [])).toEqual({ [seriesAttribute('v', 0)]: 4n });
    expect(d?.values.get('page')?.get('/c')?.hours.get(0)).toEqual({
      views: 4n,
      visitors: 0n,
      engaged: 0n,
      durationSum: 0n,
      scrollSum: 0n,
    });
    expect(visitorsUnknown).toBe(true);
  });

  it('says visitors are unknown when the day has hours but its raw views do not cover them', () => {
    const { visitorsUnknown, delta } = legacyDayDelta(SITE, { ...HOURLY, visitorHours: undefined });
    expect(visitorsUnknown).toBe(true);
    expect(delta.days()[0]?.series.get(seriesAttribute('u', 9))).toBeUndefined();
  });

  it('leaves out what Footfall would refuse, with the reason and the views, and writes the rest', () => {
    // Prepare
    const browsers = new Map<string, number>([['x'.repeat(65), 9]]);
    for (let i = 0; i <= MAX_BROWSERS_PER_DAY; i++) browsers.set(`B${String(i).padStart(2, '0')}`, 100 - i);
    const day: LegacyDay = {
      ...HOURLY,
      pages: new Map<string, LegacyPageDay>([
        ['/ok', c(1)],
        ['/bell\u0007', c(1)],
        ['relative', c(1)],
        ['/huge', { ...c(300_000), hours: new Map([[3, c(300_000)]]) }],
      ]),
      browsers,
      referrers: new Map([['evil\u202e.com', { views: 1, visitors: 1 }]]),
    };

    // Act
    const { delta, leftOut } = legacyDayDelta(SITE, day);
    const [d] = delta.days();

    // Assess
    expect(leftOut.map((l) => [l.kind, l.value, l.views, l.reason])).toEqual([
      ['page', '/bell\u0007', 1, 'holds control or bidi characters'],
      ['page', 'relative', 1, 'not a path (no leading /)'],
      ['page', '/huge', 300_000, 'views: expected at most 250000 in one page-hour, found 300000'],
      ['browser', 'B64', 36, `more than ${MAX_BROWSERS_PER_DAY} browser names that day`],
      ['browser', 'x'.repeat(65), 9, 'longer than 64 bytes (UTF-8)'],
      ['referrer', 'evil\u202e.com', 1, 'holds control or bidi characters'],
    ]);
    expect([...(d?.values.get('page')?.keys() ?? [])]).toEqual(['/ok']);
    expect(d?.tech.size).toBe(MAX_BROWSERS_PER_DAY);
    expect(d?.values.get('referrer')).toBeUndefined();
  });
});
