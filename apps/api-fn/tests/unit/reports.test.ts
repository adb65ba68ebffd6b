// Pure report builders: bucket sums and averages, breakdown ordering, CSV quoting.
import { bucketsInRange, emptyHour, parseDay } from '@footfall/core-model';
import { buildBreakdown, compareRows } from '../../src/reports/breakdown';
import { csvField, exportRows, toCsv } from '../../src/reports/exportCsv';
import { parseDayRange } from '../../src/reports/range';
import { average, buildTimeseries } from '../../src/reports/timeseries';
import { itemsOf, rawView } from '../helpers/aggregates';

const day = (s: string) => {
  const d = parseDay(s);
  if (!d.ok) throw new Error(d.error);
  return d.value;
};

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
    // Act & Assess
    expect(average(10, 3)).toBe(3.3);
    expect(average(0, 0)).toBe(0);
  });
});

describe('buildBreakdown', () => {
  it('orders by views descending, then by value', () => {
    // Prepare
    const rows = [
      { value: 'b', views: 1, visitors: 1 },
      { value: 'a', views: 1, visitors: 0 },
      { value: 'c', views: 5, visitors: 1 },
    ];

    // Act
    rows.sort(compareRows);

    // Assess
    expect(rows.map((r) => r.value)).toEqual(['c', 'a', 'b']);
  });

  it('skips items of the other kind', () => {
    // Prepare
    const items = itemsOf([rawView({ path: '/x' })]);

    // Act
    const { response } = buildBreakdown(items, 'page', { limit: 10 });

    // Assess
    expect(response.rows).toEqual([{ value: '/x', views: 1, visitors: 1 }]);
  });
});

describe('CSV export', () => {
  it('quotes paths with commas and quotes', () => {
    // Act & Assess
    expect(csvField('/a,b')).toBe('"/a,b"');
    expect(csvField('/say-"hi"')).toBe('"/say-""hi"""');
    expect(csvField('/plain')).toBe('/plain');
  });

  it('groups rows by the day of their item and leaves days without views out', () => {
    // Prepare
    const views = [
      rawView({ path: '/a,b', time: Date.UTC(2026, 2, 1, 5) }),
      rawView({ path: '/a,b', time: Date.UTC(2026, 2, 3, 5), unique: false }),
    ];

    // Act
    const { rows } = exportRows(itemsOf(views), 'example.com', ['2026-03-01', '2026-03-02', '2026-03-03']);

    // Assess
    expect(toCsv(rows)).toBe('date,path,views,visitors\n2026-03-01,"/a,b",1,1\n2026-03-03,"/a,b",1,0\n');
  });
});

describe('parseDayRange', () => {
  it('accepts 400 days and refuses 401', () => {
    // Act & Assess
    expect(parseDayRange('2025-01-01', '2026-02-04').ok).toBe(true);
    const long = parseDayRange('2025-01-01', '2026-02-05');
    expect(long.ok || long.error.code).toBe('range_too_long');
  });
});
