// Folding the original table into the neutral import form: which source wins, what is left out, the summary.
import type { Item } from '@footfall/core-model';
import { LegacyFold } from '../../src/legacy/legacyImport';
import { decodeOriginalItem, describeKey } from '../../src/legacy/originalItems';
import { formatLegacySummary } from '../../src/legacy/summary';

const S = (s: string) => ({ S: s });
const N = (n: number) => ({ N: String(n) });
const at = (path: string, section: string, rest: Item = {}): Item => ({
  Path: S(path),
  Section: S(section),
  ...rest,
});
const raw = (path: string, n: number, time: string, referrer?: string): Item =>
  at(path, `view-00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, {
    Time: S(time),
    ...(referrer ? { Referrer: S(referrer) } : {}),
    Duration: N(10),
    Scroll: N(50),
  });

/** Folds items as the reader does. */
function fold(items: Item[], site: string | null = 'example.com') {
  const f = new LegacyFold('original', site ?? undefined);
  for (const item of items) f.add(decodeOriginalItem(item), describeKey(item));
  return f.finish();
}

const ITEMS: Item[] = [
  // 2022-06-20: hour items, a day item that disagrees, pages by the hour, and raw views for every view.
  at('site', 'Day-2022-06-20T09', { ViewCount: N(2), TotalDuration: N(30), TotalScroll: N(60) }),
  at('site', 'Day-2022-06-20T10', { ViewCount: N(1), TotalDuration: N(5), TotalScroll: N(10) }),
  at('site', 'Month-2022-06-20', { ViewCount: N(4) }),
  at('site', 'Week-2022-25-1', { ViewCount: N(3) }),
  at('/a', 'Day-2022-06-20T09', { ViewCount: N(2), TotalDuration: N(30), TotalScroll: N(60) }),
  at('/a', 'Month-2022-06-20', { ViewCount: N(2) }),
  at('/b', 'Month-2022-06-20', { ViewCount: N(1), TotalDuration: N(5), TotalScroll: N(10) }),
  at('page-view-day-2022-06-20', '/a', { ViewCount: N(2) }),
  at('page-view-week-2022-25', '/a', { ViewCount: N(2) }),
  at('browser', 'Month-2022-06-20#Chrome', { ViewCount: N(2) }),
  at('browser', 'Month-2022-06-20#Mobile-Safari', { ViewCount: N(1) }),
  at('browser', 'Week-2022-25-1#Chrome', { ViewCount: N(2) }),
  raw('/a', 1, '2022-06-20T09:10:00Z', 'news.ycombinator.com/item'),
  raw('/a', 2, '2022-06-20T09:20:00Z', 'example.com/b'),
  raw('b', 3, '2022-06-20T10:00:00Z'),
  // 2021-02-07 (Python era): a day item only, and one raw view of two views: visitors unknown.
  at('site', 'Month-2021-02-07', { ViewCount: N(2), TotalDuration: N(7), TotalScroll: N(0) }),
  raw('/c', 4, '2021-02-07T12:00:00.123456', 'google.com/'),
  // 2020-01-01: only raw views survive.
  raw('/d', 5, '2020-01-01T00:00:00Z'),
  at('user', 'blake', { Password: S('x') }),
  at('site', 'Day-2022-02-30T00', { ViewCount: N(1) }),
  at('site', 'Month-2022-06-21', { ViewCount: S('lots') }),
];

describe('LegacyFold', () => {
  it('takes hours over the day counter, reports the mismatch, and keeps pages and browsers', () => {
    // Act
    const data = fold(ITEMS);
    const june = data.days.find((d) => d.day === '2022-06-20');

    // Assess
    expect(june?.source).toBe('hours');
    expect(june?.site).toEqual({ views: 3, durationSum: 35, scrollSum: 70 });
    expect([...(june?.hours ?? [])]).toEqual([
      [9, { views: 2, durationSum: 30, scrollSum: 60 }],
      [10, { views: 1, durationSum: 5, scrollSum: 10 }],
    ]);
    expect(data.mismatchedDays).toEqual(['2022-06-20']);
    expect(
      Object.fromEntries([...(june?.pages ?? [])].map(([p, c]) => [p, [c.views, c.hours !== undefined]])),
    ).toEqual({
      '/a': [2, true],
      '/b': [1, false],
    });
    expect(Object.fromEntries(june?.browsers ?? [])).toEqual({ Chrome: 2, 'Mobile-Safari': 1 });
  });

  it('derives visitors and referrers from raw views only where they cover every view of the day', () => {
    // Act
    const data = fold(ITEMS);
    const byDay = Object.fromEntries(data.days.map((d) => [d.day, d]));

    // Assess: 20 June: the same-site referrer is no visitor; 7 Feb 2021: one raw view of two counted views.
    expect(byDay['2022-06-20']?.visitors).toBe(2);
    expect(Object.fromEntries(byDay['2022-06-20']?.referrers ?? [])).toEqual({
      'news.ycombinator.com': { views: 1, visitors: 1 },
    });
    expect(byDay['2021-02-07']).toMatchObject({
      source: 'day',
      site: { views: 2, durationSum: 7, scrollSum: 0 },
    });
    expect(byDay['2021-02-07']?.visitors).toBeUndefined();
    expect(byDay['2020-01-01']).toMatchObject({
      source: 'raw views',
      site: { views: 1, durationSum: 10, scrollSum: 50 },
      visitors: 1,
    });
    expect([...(byDay['2020-01-01']?.pages.keys() ?? [])]).toEqual(['/d']);
  });

  it('places visitors in their UTC hours where the raw views of each hour are all its counted views', () => {
    // Act
    const data = fold(ITEMS);
    const byDay = Object.fromEntries(data.days.map((d) => [d.day, d]));
    const june = byDay['2022-06-20'];

    // Assess: /a by the hour (both its views are raw), /b by the day (it has no hour items).
    expect([...(june?.visitorHours ?? [])]).toEqual([
      [9, 1],
      [10, 1],
    ]);
    expect(june?.pages.get('/a')).toMatchObject({ visitors: 1, visitorHours: new Map([[9, 1]]) });
    expect(june?.pages.get('/b')).toMatchObject({ visitors: 1 });
    expect(june?.pages.get('/b')?.visitorHours).toBeUndefined();
    expect(byDay['2021-02-07']?.visitorHours).toBeUndefined();
  });

  it('keeps the hours of days that only raw views, or only hourly page counters, survive for', () => {
    // Prepare: 2019-05-01 has page hour items and nothing for the site.
    const items = [
      ...ITEMS,
      at('/x', 'Day-2019-05-01T07', { ViewCount: N(2), TotalDuration: N(4), TotalScroll: N(8) }),
      at('/y', 'Day-2019-05-01T07', { ViewCount: N(1) }),
      at('/y', 'Day-2019-05-01T23', { ViewCount: N(3) }),
    ];

    // Act
    const byDay = Object.fromEntries(fold(items).days.map((d) => [d.day, d]));

    // Assess
    expect([...(byDay['2020-01-01']?.hours ?? [])]).toEqual([
      [0, { views: 1, durationSum: 10, scrollSum: 50 }],
    ]);
    expect([...(byDay['2020-01-01']?.visitorHours ?? [])]).toEqual([[0, 1]]);
    expect(byDay['2020-01-01']?.pages.get('/d')).toMatchObject({
      views: 1,
      hours: new Map([[0, { views: 1, durationSum: 10, scrollSum: 50 }]]),
      visitorHours: new Map([[0, 1]]),
    });
    expect(byDay['2019-05-01']).toMatchObject({
      source: 'pages',
      site: { views: 6, durationSum: 4, scrollSum: 8 },
    });
    expect([...(byDay['2019-05-01']?.hours ?? [])]).toEqual([
      [7, { views: 3, durationSum: 4, scrollSum: 8 }],
      [23, { views: 3, durationSum: 0, scrollSum: 0 }],
    ]);
  });

  it('derives no visitors without a site', () => {
    // Act
    const data = fold(ITEMS, null);

    // Assess
    expect(data.days.every((d) => d.visitors === undefined && d.referrers === undefined)).toBe(true);
  });

  it('counts what it leaves out and what it cannot read, without throwing', () => {
    // Act
    const data = fold(ITEMS);

    // Assess
    expect(data.itemsRead).toBe(ITEMS.length);
    expect(data.rawViews).toBe(5);
    expect(data.skipped).toEqual({
      weekCounters: 2,
      pagePeriodCounts: 1,
      pageDayDuplicates: 1,
      rawViewsCounted: 4,
      users: 1,
    });
    expect(data.unreadable.count).toBe(2);
    expect(data.unreadable.samples[0]).toContain('Section "Day-2022-02-30T00"');
    expect(data.unreadable.samples[1]).toContain('ViewCount: expected');
  });
});

describe('formatLegacySummary', () => {
  it('says what would be imported, what is left out and what could not be read', () => {
    // Act
    const text = formatLegacySummary(fold(ITEMS));

    // Assess
    expect(text).toContain('Original table original: 21 items read, 5 raw page views.');
    expect(text).toContain('Would import 3 days, 2020-01-01 to 2022-06-20 (UTC days):');
    expect(text).toContain('views      6; totals of duration 52 s and scroll 120 %');
    expect(text).toContain('1 from hour counters, 1 from day counters only, 1 from raw page views only');
    expect(text).toContain(
      'visitors   3 on 2 days whose raw page views cover every view; unknown on the other 1',
    );
    expect(text).toContain('2 week counters');
    expect(text).toContain('Could not read 2 items (left out):');
    expect(text).toContain(
      '1 day where the hour counters and the day counter disagree (hour counters used): 2022-06-20',
    );
  });
});
