// Decoding the original table's items (Python and Rust versions): every kind, and bad data as results.
import type { Item } from '@footfall/core-model';
import { decodeOriginalItem, parseOriginalTime } from '../../src/legacy/originalItems';

const S = (s: string) => ({ S: s });
const N = (n: number | string) => ({ N: String(n) });
const at = (path: string, section: string, rest: Item = {}): Item => ({
  Path: S(path),
  Section: S(section),
  ...rest,
});

describe('decodeOriginalItem', () => {
  it.each([
    [
      'a site hour with append totals',
      at('site', 'Day-2022-06-20T09', {
        ViewDay: S('2022-06-20'),
        ViewHour: S('9'),
        ViewCount: N(3),
        TotalDuration: N(95),
        TotalScroll: N(120),
      }),
      {
        kind: 'hour',
        path: null,
        day: '2022-06-20',
        hour: 9,
        counts: { views: 3, durationSum: 95, scrollSum: 120 },
      },
    ],
    [
      'a page day without appends',
      at('/blog/a', 'Month-2021-02-28', { ViewMonth: S('2021-02'), ViewDay: S('28'), ViewCount: N(7) }),
      { kind: 'day', path: '/blog/a', day: '2021-02-28', counts: { views: 7, durationSum: 0, scrollSum: 0 } },
    ],
    [
      'a Rust week counter',
      at('site', 'Week-2024-01-1', { ViewCount: N(2) }),
      { kind: 'weekday', path: null },
    ],
    [
      'a Python (%W) week counter',
      at('/', 'Week-2021-00-5', { ViewCount: N(2) }),
      { kind: 'weekday', path: '/' },
    ],
    [
      'a browser day',
      at('browser', 'Month-2022-06-20#Mobile-Safari', { ViewCount: N(4) }),
      { kind: 'browserDay', day: '2022-06-20', browser: 'Mobile-Safari', views: 4 },
    ],
    [
      'a browser week',
      at('browser', 'Week-2022-25-1#Chrome', { ViewCount: N(4) }),
      { kind: 'browserWeekday' },
    ],
    [
      'a page-view-day count',
      at('page-view-day-2022-06-20', '/tags', { ViewCount: N(5) }),
      { kind: 'pageDay', day: '2022-06-20', path: '/tags', views: 5 },
    ],
    [
      'a page-view-month count',
      at('page-view-month-2022-06', '/tags', { ViewCount: N(5) }),
      { kind: 'pagePeriod' },
    ],
    ['a user', at('user', 'blake', { Password: S('$pbkdf2-sha256$…') }), { kind: 'user' }],
    [
      'a Rust raw view (RFC 3339, nanoseconds)',
      at('/blog/a', 'view-6F1C2A4E-0D3B-4C5A-9E8F-7A6B5C4D3E2F', {
        Time: S('2022-06-20T09:15:30.123456789Z'),
        UserAgent: S('Mozilla/5.0'),
        Referrer: S('news.ycombinator.com/item'),
        Duration: N(12),
        Scroll: N(40),
      }),
      {
        kind: 'rawView',
        uuid: '6f1c2a4e-0d3b-4c5a-9e8f-7a6b5c4d3e2f',
        path: '/blog/a',
        time: Date.UTC(2022, 5, 20, 9, 15, 30, 123),
        referrer: 'news.ycombinator.com/item',
        userAgent: 'Mozilla/5.0',
        duration: 12,
        scroll: 40,
      },
    ],
    [
      'a Python raw view (no offset: UTC on Lambda, no path slash)',
      at('blog/b', 'view-6f1c2a4e-0d3b-4c5a-9e8f-7a6b5c4d3e2f', { Time: S('2021-02-07T23:59:59.999999') }),
      {
        kind: 'rawView',
        uuid: '6f1c2a4e-0d3b-4c5a-9e8f-7a6b5c4d3e2f',
        path: 'blog/b',
        time: Date.UTC(2021, 1, 7, 23, 59, 59, 999),
        referrer: undefined,
        userAgent: undefined,
        duration: undefined,
        scroll: undefined,
      },
    ],
  ])('reads %s', (_, raw, record) => {
    // Act
    const decoded = decodeOriginalItem(raw);

    // Assess
    expect(decoded).toEqual({ ok: true, value: record });
  });

  it.each([
    ['no Path', { Section: S('Day-2022-06-20T09') }, 'Path'],
    ['a numeric Section', { Path: S('site'), Section: N(1) }, 'Section'],
    ['a day that does not exist', at('site', 'Day-2022-02-30T09', { ViewCount: N(1) }), 'Section'],
    ['hour 24', at('/a', 'Day-2022-06-20T24', { ViewCount: N(1) }), 'Section'],
    ['a browser name on a page day', at('/a', 'Month-2022-06-20#Chrome', { ViewCount: N(1) }), 'Section'],
    ['a browser day without a name', at('browser', 'Month-2022-06-20', { ViewCount: N(1) }), 'Section'],
    ['a count as text', at('site', 'Month-2022-06-20', { ViewCount: S('3') }), 'ViewCount'],
    [
      'a negative total',
      at('site', 'Month-2022-06-20', { ViewCount: N(3), TotalScroll: N(-5) }),
      'TotalScroll',
    ],
    ['a fractional count', at('page-view-day-2022-06-20', '/a', { ViewCount: N('1.5') }), 'ViewCount'],
    ['a raw view without Time', at('/a', 'view-6f1c2a4e-0d3b-4c5a-9e8f-7a6b5c4d3e2f'), 'Time'],
    [
      'a raw view at no time',
      at('/a', 'view-6f1c2a4e-0d3b-4c5a-9e8f-7a6b5c4d3e2f', { Time: S('yesterday') }),
      'Time',
    ],
    ['an unknown partition', at('settings', 'colour', {}), ''],
    ['an unknown page section', at('/a', 'Year-2022', {}), ''],
  ])('returns an error naming the attribute for %s', (_, raw, attribute) => {
    // Act
    const decoded = decodeOriginalItem(raw as Item);

    // Assess
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.error.path).toBe(attribute);
  });
});

describe('parseOriginalTime', () => {
  it.each([
    ['2022-06-20T09:15:30Z', Date.UTC(2022, 5, 20, 9, 15, 30)],
    ['2022-06-20T10:15:30.5+01:00', Date.UTC(2022, 5, 20, 9, 15, 30, 500)],
    ['2022-06-20t09:15:30z', Date.UTC(2022, 5, 20, 9, 15, 30)],
    ['2022-06-20 09:15:30Z', undefined],
    ['2022-13-20T09:15:30Z', undefined],
  ])('%s → %s', (text, ms) => {
    // Act & Assess
    expect(parseOriginalTime(text)).toBe(ms);
  });
});
