// Report ranges: real days, in order, at most 400 of them.
import { daysOf, parseDayRange } from '../../src';

describe('parseDayRange', () => {
  it('accepts 400 days and refuses 401, a reversed range and a non-date, each with its code', () => {
    expect(parseDayRange('2025-01-01', '2026-02-04').ok).toBe(true);
    for (const [from, to, code] of [
      ['2025-01-01', '2026-02-05', 'range_too_long'],
      ['2026-03-02', '2026-03-01', 'invalid_range'],
      ['2026-02-30', '2026-03-01', 'invalid_date'],
    ] as const) {
      const r = parseDayRange(from, to);
      expect(r.ok ? 'ok' : r.error.code).toBe(code);
    }
  });

  it('lists every day of a range, across a month end', () => {
    const r = parseDayRange('2026-02-27', '2026-03-02');
    expect(r.ok && daysOf(r.value)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });
});
