import { addDays, daysInRange, isDay, todayIn } from '../../src/days';
import { checkRange, includesToday, MAX_RANGE_DAYS, periodRange } from '../../src/period';

// 2026-11-26 23:30 UTC: already the 27th in Tokyo, still the 26th in Los Angeles.
const NOW = new Date('2026-11-26T23:30:00Z');

describe('days', () => {
  it('rolls over months, years and leap days', () => {
    // Act / Assess
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysInRange('2026-11-01', '2026-11-30')).toBe(30);
    expect(daysInRange('2026-11-26', '2026-11-26')).toBe(1);
  });

  it('rejects days that do not exist', () => {
    // Act / Assess
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('26-11-2026')).toBe(false);
  });

  it('knows which day it is in each zone', () => {
    // Act / Assess
    expect(todayIn('Asia/Tokyo', NOW)).toBe('2026-11-27');
    expect(todayIn('America/Los_Angeles', NOW)).toBe('2026-11-26');
    expect(todayIn('UTC', NOW)).toBe('2026-11-26');
  });
});

describe('periodRange', () => {
  it('gives the days of each preset in the chosen zone', () => {
    // Act
    const range = (p: Parameters<typeof periodRange>[0], tz = 'Asia/Tokyo') => periodRange(p, NOW, tz);

    // Assess
    expect(range('today')).toEqual({ ok: true, value: { from: '2026-11-27', to: '2026-11-27' } });
    expect(range('today', 'America/Los_Angeles')).toEqual({
      ok: true,
      value: { from: '2026-11-26', to: '2026-11-26' },
    });
    expect(range('7d')).toEqual({ ok: true, value: { from: '2026-11-21', to: '2026-11-27' } });
    expect(range('30d')).toEqual({ ok: true, value: { from: '2026-10-29', to: '2026-11-27' } });
    expect(range('month')).toEqual({ ok: true, value: { from: '2026-11-01', to: '2026-11-27' } });
    expect(range('last-month')).toEqual({ ok: true, value: { from: '2026-10-01', to: '2026-10-31' } });
  });

  it('takes last month across a year boundary', () => {
    // Act
    const range = periodRange('last-month', new Date('2027-01-15T12:00:00Z'), 'Europe/Paris');

    // Assess
    expect(range).toEqual({ ok: true, value: { from: '2026-12-01', to: '2026-12-31' } });
  });

  it('accepts a custom range and explains a bad one in words', () => {
    // Act
    const good = periodRange('custom', NOW, 'UTC', { from: '2026-11-01', to: '2026-11-15' });
    const reversed = periodRange('custom', NOW, 'UTC', { from: '2026-11-15', to: '2026-11-01' });
    const missing = periodRange('custom', NOW, 'UTC', {});
    const tooLong = checkRange('2025-01-01', addDays('2025-01-01', MAX_RANGE_DAYS));

    // Assess
    expect(good).toEqual({ ok: true, value: { from: '2026-11-01', to: '2026-11-15' } });
    expect(!reversed.ok && reversed.error.message).toBe('The start date must not be after the end date.');
    expect(!missing.ok && missing.error.message).toBe('Pick a start and an end date.');
    expect(!tooLong.ok && tooLong.error.message).toBe('Pick at most 400 days.');
  });
});

describe('includesToday', () => {
  it("is true for a range holding the zone's today, whose figures still grow", () => {
    // Act / Assess: 23:30 UTC on the 26th is the 27th in Tokyo
    expect(includesToday({ from: '2026-11-20', to: '2026-11-26' }, NOW, 'UTC')).toBe(true);
    expect(includesToday({ from: '2026-11-20', to: '2026-11-26' }, NOW, 'Asia/Tokyo')).toBe(false);
    expect(includesToday({ from: '2026-11-27', to: '2026-11-27' }, NOW, 'Asia/Tokyo')).toBe(true);
    expect(includesToday({ from: '2026-10-01', to: '2026-10-31' }, NOW, 'UTC')).toBe(false);
    expect(includesToday({ from: '2026-11-27', to: '2026-12-31' }, NOW, 'UTC')).toBe(false);
  });
});
