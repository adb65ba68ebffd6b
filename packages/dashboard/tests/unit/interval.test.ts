import { allowedIntervals, defaultInterval, effectiveInterval } from '../../src/interval';

describe('defaultInterval', () => {
  it('uses hours up to 2 days, days up to ~3 months, weeks beyond', () => {
    // Act / Assess
    expect(defaultInterval('2026-11-26', '2026-11-26')).toBe('hour');
    expect(defaultInterval('2026-11-25', '2026-11-26')).toBe('hour');
    expect(defaultInterval('2026-11-24', '2026-11-26')).toBe('day');
    expect(defaultInterval('2026-09-01', '2026-12-01')).toBe('day'); // 92 days
    expect(defaultInterval('2026-09-01', '2026-12-02')).toBe('week'); // 93 days
  });
});

describe('allowedIntervals', () => {
  it('offers hours only up to a month', () => {
    // Act / Assess
    expect(allowedIntervals('2026-11-01', '2026-12-01')).toEqual(['hour', 'day', 'week', 'month']);
    expect(allowedIntervals('2026-11-01', '2026-12-02')).toEqual(['day', 'week', 'month']);
  });
});

describe('effectiveInterval', () => {
  it('keeps a choice the range allows and falls back to the default otherwise', () => {
    // Act / Assess
    expect(effectiveInterval('2026-11-20', '2026-11-26', 'hour')).toBe('hour');
    expect(effectiveInterval('2026-01-01', '2026-12-31', 'hour')).toBe('week');
    expect(effectiveInterval('2026-01-01', '2026-12-31', 'month')).toBe('month');
    expect(effectiveInterval('2026-11-20', '2026-11-26', undefined)).toBe('day');
  });
});
