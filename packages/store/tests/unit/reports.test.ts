// Pure report builders: bucket sums and averages, breakdown ordering and (other), CSV quoting and formulas.
import { bucketsInRange, emptyHour, OTHER_VALUE, parseDay } from '@footfall/core-model';
import {
  average,
  buildBreakdown,
  buildTimeseries,
  compareRows,
  csvField,
  type DayCounts,
  exportRows,
  toCsv,
} from '../../src';

const day = (s: string) => {
  const d = parseDay(s);
  if (!d.ok) throw new Error(d.error);
  return d.value;
};

const counts = (values: [string, number, number][], other: [number, number] = [0, 0]): DayCounts => ({
  values: new Map(values.map(([v, views, visitors]) => [v, { views, visitors }])),
  other: { views: other[0], visitors: other[1] },
});

describe('buildTimeseries', () => {
  it('answers every ISO week of the range, with zeros where nothing happened', () => {
    // Prepare
    const buckets = bucketsInRange(day('2026-12-28'), day('2027-01-10'), 'week', 'UTC');
    const hour = Date.UTC(2027, 0, 5, 9);
    const hours = new Map([
      [hour, { ...emptyHour(), views: 4, visitors: 3, engaged: 3, durationSum: 10, scrollSum: 100 }],
    ]);

    // Act
    const series = buildTimeseries({ site: 's', path: null, interval: 'week', tz: 'UTC', buckets, hours });

    // Assess
    expect(series.points).toEqual([
      { t: '2026-W53', views: 0, visitors: 0, avgDuration: 0, avgScroll: 0 },
      { t: '2027-W01', views: 4, visitors: 3, avgDuration: 3.3, avgScroll: 33.3 },
    ]);
  });

  it('rounds averages to one decimal and answers 0 without engagement', () => {
    expect(average(10, 3)).toBe(3.3);
    expect(average(0, 0)).toBe(0);
  });
});

describe('buildBreakdown', () => {
  it('orders by views descending, then by value', () => {
    const rows = [
      { value: 'b', views: 1, visitors: 1 },
      { value: 'a', views: 1, visitors: 0 },
      { value: 'c', views: 5, visitors: 1 },
    ];
    rows.sort(compareRows);
    expect(rows.map((r) => r.value)).toEqual(['c', 'a', 'b']);
  });

  it('sums days, adds one (other) row for the values past each day cap, and cuts only the list', () => {
    // Prepare
    const days = new Map([
      [
        '2026-03-01',
        counts(
          [
            ['/a', 3, 2],
            ['/b', 1, 1],
          ],
          [4, 1],
        ),
      ],
      ['2026-03-02', counts([['/a', 1, 0]], [2, 2])],
    ]);

    // Act
    const all = buildBreakdown(days, 'page', { limit: 10 });
    const top = buildBreakdown(days, 'page', { limit: 1 });
    const blog = buildBreakdown(days, 'page', { limit: 10, pathPrefix: '/a' });

    // Assess
    expect(all.rows).toEqual([
      { value: OTHER_VALUE, views: 6, visitors: 3 },
      { value: '/a', views: 4, visitors: 2 },
      { value: '/b', views: 1, visitors: 1 },
    ]);
    expect(top.rows).toHaveLength(1);
    expect(blog.rows).toEqual([{ value: '/a', views: 4, visitors: 2 }]);
  });
});

describe('CSV export', () => {
  it('quotes paths with commas and quotes', () => {
    expect(csvField('/a,b')).toBe('"/a,b"');
    expect(csvField('/say-"hi"')).toBe('"/say-""hi"""');
    expect(csvField('/plain')).toBe('/plain');
  });

  it.each(['=1+2', '+cmd', '-2', '@SUM(A1)'])(
    'defuses a field that a spreadsheet would run as a formula: %s',
    (s) => {
      expect(csvField(s).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
    },
  );

  it("lists each day's rows with its (other) row, and leaves days without views out", () => {
    // Prepare
    const days = new Map([
      ['2026-03-01', counts([['/a,b', 1, 1]], [2, 1])],
      ['2026-03-03', counts([['/a,b', 1, 0]])],
    ]);

    // Act
    const rows = exportRows(days, ['2026-03-01', '2026-03-02', '2026-03-03']);

    // Assess
    expect(toCsv(rows)).toBe(
      'date,path,views,visitors\n2026-03-01,(other),2,1\n2026-03-01,"/a,b",1,1\n2026-03-03,"/a,b",1,0\n',
    );
  });
});
