// The original reporting API rebuilt as pure functions: request parsing, week and month keys, answer shapes.
import {
  browsersAnswer,
  compareUtf8,
  dayRuns,
  type LegacyHour,
  type LegacyRow,
  type LegacySource,
  legacyAnswer,
  legacyBrowserName,
  legacyMonthDays,
  legacyWeekDays,
  pagesAnswer,
  parseLegacyRequest,
  totalsByDay,
  viewsAnswer,
  weekdayFromSunday,
} from '../../src/reports/legacy';

const hour = (day: string, h: number) => Date.parse(`${day}T${String(h).padStart(2, '0')}:00:00Z`);
const counters = (views: number, durationSum = 0, scrollSum = 0): LegacyHour => ({
  views,
  visitors: 0,
  engaged: durationSum > 0 ? 1 : 0,
  durationSum,
  scrollSum,
});

describe('parseLegacyRequest', () => {
  it.each([
    ['views', 'week', { token: 't', path: 'site', year: 2026, week: 11 }],
    ['views', 'month', { token: 't', path: '/blog/a', year: 2026, month: 3, extra: true }],
    ['browsers', 'week', { token: 't', year: 2026, week: 11 }],
    ['pages', 'month', { token: 't', year: 2026, month: 3, site: 'example.com' }],
  ] as const)('accepts a %s/%s body as the old dashboard sends it', (report, kind, body) => {
    // Act
    const parsed = parseLegacyRequest(report, kind, body);

    // Assess
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.value.period).toEqual(
      kind === 'week'
        ? { kind, year: 2026, week: (body as { week: number }).week }
        : { kind, year: 2026, month: (body as { month: number }).month },
    );
  });

  it.each([
    ['an array', [], 400, 'invalid_body'],
    ['no token', { path: 'site', year: 2026, week: 1 }, 401, 'missing_token'],
    ['an empty token', { token: '', path: 'site', year: 2026, week: 1 }, 401, 'missing_token'],
    ['a numeric token', { token: 5, path: 'site', year: 2026, week: 1 }, 400, 'invalid_body'],
    ['a fractional year', { token: 't', path: 'site', year: 2026.5, week: 1 }, 400, 'invalid_body'],
    ['a week as text', { token: 't', path: 'site', year: 2026, week: '1' }, 400, 'invalid_body'],
    ['a year beyond i32', { token: 't', path: 'site', year: 2 ** 31, week: 1 }, 400, 'invalid_body'],
    ['no path', { token: 't', year: 2026, week: 1 }, 400, 'invalid_path'],
    ['a relative path', { token: 't', path: 'blog', year: 2026, week: 1 }, 400, 'invalid_path'],
    [
      'a site that is not text',
      { token: 't', path: 'site', year: 2026, week: 1, site: 3 },
      400,
      'invalid_site',
    ],
  ])('refuses %s', (_, body, status, code) => {
    // Act
    const parsed = parseLegacyRequest('views', 'week', body);

    // Assess
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && [parsed.error.status, parsed.error.code]).toEqual([status, code]);
  });
});

describe('legacyWeekDays (the calendar year with the ISO week number, as the original keyed weeks)', () => {
  it.each([
    [
      2026,
      11,
      ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15'],
    ],
    // ISO week 1 of 2025 starts on 30 December 2024, which the original keyed as week 1 of 2024.
    [
      2024,
      1,
      [
        '2024-01-01',
        '2024-01-02',
        '2024-01-03',
        '2024-01-04',
        '2024-01-05',
        '2024-01-06',
        '2024-01-07',
        '2024-12-30',
        '2024-12-31',
      ],
    ],
    // 1–3 January 2021 are ISO week 53 of 2020: week 53 of 2021 exists only through them.
    [2021, 53, ['2021-01-01', '2021-01-02', '2021-01-03']],
    [
      2022,
      52,
      [
        '2022-01-01',
        '2022-01-02',
        '2022-12-26',
        '2022-12-27',
        '2022-12-28',
        '2022-12-29',
        '2022-12-30',
        '2022-12-31',
      ],
    ],
    [2026, 0, []],
    [2026, 54, []],
    [1969, 10, []],
  ])('week %i-%i is %j', (year, week, days) => {
    // Act & Assess
    expect(legacyWeekDays(year, week)).toEqual(days);
  });
});

describe('legacyMonthDays', () => {
  it('lists every day of the month, leap years included, and none of a month that does not exist', () => {
    // Act
    const february = [legacyMonthDays(2024, 2), legacyMonthDays(2023, 2)];
    const none = [legacyMonthDays(2026, 0), legacyMonthDays(2026, 13), legacyMonthDays(10_000, 1)];

    // Assess
    expect(february.map((d) => [d.length, d[0], d[d.length - 1]])).toEqual([
      [29, '2024-02-01', '2024-02-29'],
      [28, '2023-02-01', '2023-02-28'],
    ]);
    expect(none).toEqual([[], [], []]);
  });
});

describe('dayRuns and weekdayFromSunday', () => {
  it('joins consecutive days into ranges and numbers weekdays from Sunday', () => {
    // Act
    const runs = dayRuns(legacyWeekDays(2024, 1));
    const weekdays = ['2026-03-08', '2026-03-09', '2026-03-14'].map(weekdayFromSunday);

    // Assess
    expect(runs).toEqual([
      { from: '2024-01-01', to: '2024-01-07' },
      { from: '2024-12-30', to: '2024-12-31' },
    ]);
    expect(weekdays).toEqual([0, 1, 6]);
  });
});

describe('viewsAnswer', () => {
  it('answers week entries by weekday from Sunday, with totals of duration and scroll', () => {
    // Prepare
    const hours = new Map([
      [hour('2026-03-09', 8), counters(2, 30, 100)],
      [hour('2026-03-09', 23), counters(1, 10, 50)],
      [hour('2026-03-15', 0), counters(4)],
      [hour('2026-03-16', 0), counters(9)], // the next week: not asked for
    ]);
    const days = legacyWeekDays(2026, 11);

    // Act
    const answer = viewsAnswer({ kind: 'week', year: 2026, week: 11 }, totalsByDay(hours, days));

    // Assess
    expect(answer).toEqual([
      { year: 2026, week: 11, day: 0, count: 4, scroll: 0, duration: 0 },
      { year: 2026, week: 11, day: 1, count: 3, scroll: 150, duration: 40 },
    ]);
    expect(Object.keys(answer[0] ?? {})).toEqual(['year', 'week', 'day', 'count', 'scroll', 'duration']);
  });

  it('adds up the two Mondays of week 1 of 2024 as the original’s one key did', () => {
    // Prepare
    const hours = new Map([
      [hour('2024-01-01', 12), counters(5, 60, 200)],
      [hour('2024-12-30', 12), counters(2, 20, 80)],
    ]);

    // Act
    const answer = viewsAnswer(
      { kind: 'week', year: 2024, week: 1 },
      totalsByDay(hours, legacyWeekDays(2024, 1)),
    );

    // Assess
    expect(answer).toEqual([{ year: 2024, week: 1, day: 1, count: 7, scroll: 280, duration: 80 }]);
  });

  it('answers month entries by day of the month, in order, leaving out days without views', () => {
    // Prepare
    const hours = new Map([
      [hour('2026-03-31', 23), counters(1, 5, 10)],
      [hour('2026-03-02', 1), counters(3)],
      [hour('2026-03-05', 1), counters(0)],
    ]);

    // Act
    const answer = viewsAnswer(
      { kind: 'month', year: 2026, month: 3 },
      totalsByDay(hours, legacyMonthDays(2026, 3)),
    );

    // Assess
    expect(answer).toEqual([
      { year: 2026, month: 3, day: 2, count: 3, scroll: 0, duration: 0 },
      { year: 2026, month: 3, day: 31, count: 1, scroll: 10, duration: 5 },
    ]);
  });
});

describe('browsersAnswer', () => {
  const row = (value: string, views: number): LegacyRow => ({ value, views, visitors: 0 });

  it('orders by day number then browser name, with spaces as dashes and empty rows left out', () => {
    // Prepare
    const rows = new Map([
      ['2026-03-10', [row('Safari', 2), row('Chrome', 3)]],
      ['2026-03-08', [row('Samsung Internet', 1), row('Firefox', 0)]],
    ]);

    // Act
    const answer = browsersAnswer({ kind: 'week', year: 2026, week: 10 }, rows);

    // Assess
    expect(answer).toEqual([
      { browser: 'Samsung-Internet', year: 2026, week: 10, day: 0, count: 1 },
      { browser: 'Chrome', year: 2026, week: 10, day: 2, count: 3 },
      { browser: 'Safari', year: 2026, week: 10, day: 2, count: 2 },
    ]);
  });

  it('answers month entries by day of the month', () => {
    // Act
    const answer = browsersAnswer(
      { kind: 'month', year: 2026, month: 3 },
      new Map([['2026-03-09', [row('Edge', 4)]]]),
    );

    // Assess
    expect(answer).toEqual([{ browser: 'Edge', year: 2026, month: 3, day: 9, count: 4 }]);
  });
});

describe('pagesAnswer', () => {
  it('sums rows per page and orders pages by their UTF-8 bytes, as DynamoDB orders sort keys', () => {
    // Prepare
    const rows = [
      [
        { value: '/😀', views: 1, visitors: 1 },
        { value: '/\uFFFD', views: 2, visitors: 0 },
        { value: '/b', views: 1, visitors: 1 },
      ],
      [
        { value: '/b', views: 2, visitors: 0 },
        { value: '/A', views: 5, visitors: 5 },
        { value: '/gone', views: 0, visitors: 0 },
      ],
    ];

    // Act
    const answer = pagesAnswer(rows);

    // Assess
    expect(answer).toEqual([
      { page: '/A', count: 5 },
      { page: '/b', count: 3 },
      { page: '/\uFFFD', count: 2 },
      { page: '/😀', count: 1 },
    ]);
    expect(compareUtf8('/\uFFFD', '/😀')).toBeLessThan(0);
    expect(legacyBrowserName('Google App')).toBe('Google-App');
  });
});

describe('legacyAnswer', () => {
  /** An in-memory source that records what it was asked. */
  function fakeSource(hours: Map<number, LegacyHour>, rows: LegacyRow[]) {
    const calls: unknown[][] = [];
    const source: LegacySource = {
      hours: async (...args) => {
        calls.push(['hours', ...args]);
        return hours;
      },
      rows: async (...args) => {
        calls.push(['rows', ...args]);
        return rows;
      },
    };
    return { source, calls };
  }

  it('reads each run of days once, for the site or the page the request names', async () => {
    // Prepare
    const { source, calls } = fakeSource(new Map([[hour('2024-12-31', 3), counters(2)]]), []);
    const site = parseLegacyRequest('views', 'week', { token: 't', path: 'site', year: 2024, week: 1 });
    const page = parseLegacyRequest('views', 'week', { token: 't', path: '/a', year: 2024, week: 1 });
    if (!site.ok || !page.ok) throw new Error('the requests should parse');

    // Act
    const answers = [await legacyAnswer(site.value, 'example.com', source)];
    answers.push(await legacyAnswer(page.value, 'example.com', source));

    // Assess
    expect(answers[0]).toEqual([{ year: 2024, week: 1, day: 2, count: 2, scroll: 0, duration: 0 }]);
    expect(calls).toEqual([
      ['hours', 'example.com', '2024-01-01', '2024-01-07', undefined],
      ['hours', 'example.com', '2024-12-30', '2024-12-31', undefined],
      ['hours', 'example.com', '2024-01-01', '2024-01-07', '/a'],
      ['hours', 'example.com', '2024-12-30', '2024-12-31', '/a'],
    ]);
  });

  it('reads browsers one day at a time and pages once per run', async () => {
    // Prepare
    const { source, calls } = fakeSource(new Map(), [{ value: 'Chrome', views: 1, visitors: 1 }]);
    const browsers = parseLegacyRequest('browsers', 'month', { token: 't', year: 2026, month: 2 });
    const pages = parseLegacyRequest('pages', 'month', { token: 't', year: 2026, month: 2 });
    if (!browsers.ok || !pages.ok) throw new Error('the requests should parse');

    // Act
    const browserAnswer = await legacyAnswer(browsers.value, 'example.com', source);
    const pageAnswer = await legacyAnswer(pages.value, 'example.com', source);

    // Assess
    expect(browserAnswer).toHaveLength(28);
    expect(pageAnswer).toEqual([{ page: 'Chrome', count: 1 }]);
    expect(calls.filter((c) => c[0] === 'rows' && c[2] === 'browser')).toHaveLength(28);
    expect(calls.filter((c) => c[2] === 'page')).toEqual([
      ['rows', 'example.com', 'page', '2026-02-01', '2026-02-28'],
    ]);
  });
});
