import {
  formatCount,
  formatDayRange,
  formatDuration,
  formatPercent,
  fullLabel,
  tickIndices,
  tickLabel,
} from '../../src/format';
import { shareOf, shareWidth } from '../../src/share';

describe('formatDuration', () => {
  it('writes seconds as m:ss, and h:mm:ss from an hour on', () => {
    // Act / Assess
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7.4)).toBe('0:07');
    expect(formatDuration(59.6)).toBe('1:00');
    expect(formatDuration(65.4)).toBe('1:05');
    expect(formatDuration(3599)).toBe('59:59');
    expect(formatDuration(3725)).toBe('1:02:05');
  });

  it('shows nonsense as zero rather than NaN', () => {
    // Act / Assess
    expect(formatDuration(Number.NaN)).toBe('0:00');
    expect(formatDuration(-5)).toBe('0:00');
  });
});

describe('counts and percentages', () => {
  it('group thousands and round percentages', () => {
    // Act / Assess
    expect(formatCount(1234567, 'en-US')).toBe('1,234,567');
    expect(formatCount(1234567, 'de-DE')).toBe('1.234.567');
    expect(formatPercent(42.6, 'en-US')).toBe('43%');
    expect(formatPercent(0, 'en-US')).toBe('0%');
  });
});

describe('bucket labels', () => {
  it('reads every interval the API labels', () => {
    // Act / Assess
    expect(tickLabel('2026-11-26T09:00+01:00', 'hour', 'en-GB')).toBe('09:00');
    expect(tickLabel('2026-11-26T00:00+01:00', 'hour', 'en-GB', true)).toBe('00:00\n26 Nov');
    expect(tickLabel('2026-11-26', 'day', 'en-GB')).toBe('26 Nov');
    expect(tickLabel('2026-W48', 'week', 'en-GB')).toBe('W48');
    expect(tickLabel('2026-11', 'month', 'en-GB')).toBe('Nov 2026');
    expect(fullLabel('2026-11-26T09:00+01:00', 'hour', 'en-GB')).toMatch(/^Thu,? 26 Nov 2026, 09:00$/);
    expect(fullLabel('2026-11-26', 'day', 'en-GB')).toMatch(/^Thu,? 26 Nov 2026$/);
    expect(fullLabel('2026-W48', 'week', 'en-GB')).toBe('Week 48, 2026');
    expect(fullLabel('2026-11', 'month', 'en-GB')).toBe('November 2026');
  });

  it('keeps the calendar day of the label whatever zone the process runs in', () => {
    // Prepare: a zone west of UTC, where midnight UTC of the 1st is still the 30th.
    const saved = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';

    // Act
    const label = fullLabel('2026-12-01', 'day', 'en-GB');
    const tick = tickLabel('2026-12-01', 'day', 'en-GB');
    process.env.TZ = saved;

    // Assess
    expect(label).toMatch(/^Tue,? 1 Dec 2026$/);
    expect(tick).toBe('1 Dec');
  });

  it('shows an unknown label as it came', () => {
    // Act / Assess
    expect(tickLabel('whatever', 'day')).toBe('whatever');
  });
});

describe('tickIndices', () => {
  it('picks clock-aligned steps that fit the width', () => {
    // Act / Assess
    expect(tickIndices(24, 4, 'hour', 0)).toEqual([0, 6, 12, 18]);
    expect(tickIndices(24, 30, 'hour', 0)).toHaveLength(24);
    // A series starting at 22:00 ticks at midnight, 06:00, …
    expect(tickIndices(12, 2, 'hour', 22)).toEqual([2, 8]);
    expect(tickIndices(30, 5, 'day')).toEqual([0, 7, 14, 21, 28]);
    expect(tickIndices(0, 5, 'day')).toEqual([]);
  });
});

describe('share bars', () => {
  it('are a fraction of the total, capped at the whole', () => {
    // Act / Assess
    expect(shareOf(25, 200)).toBe(0.125);
    expect(shareOf(5, 0)).toBe(0);
    expect(shareOf(210, 200)).toBe(1);
    expect(shareWidth(0.125)).toBe('12.5%');
    expect(shareWidth(1 / 3)).toBe('33.3%');
    expect(shareWidth(2)).toBe('100%');
  });
});

describe('formatDayRange', () => {
  it('writes a range of days short, and one day as itself', () => {
    // Act / Assess (ICU may put thin spaces around the dash)
    expect(formatDayRange('2026-11-13', '2026-11-19', 'en-GB').replace(/\s/g, ' ')).toBe('13 – 19 Nov 2026');
    expect(formatDayRange('2026-10-28', '2026-11-03', 'en-US').replace(/\s/g, ' ')).toBe(
      'Oct 28 – Nov 3, 2026',
    );
    expect(formatDayRange('2026-11-25', '2026-11-25', 'en-GB')).toBe('25 Nov 2026');
    expect(formatDayRange('nonsense', '2026-11-25', 'en-GB')).toBe('nonsense – 2026-11-25');
  });
});
