// Time buckets: ISO weeks at year boundaries, and zoned day/week/month ranges built from UTC hours.
import fc from 'fast-check';
import {
  bucketLabel,
  bucketsInRange,
  type CivilDate,
  daysBetween,
  HOUR_MS,
  hourRange,
  INTERVALS,
  type Interval,
  isoWeek,
  isValidTimeZone,
  MAX_RANGE_DAYS,
  parseDay,
  utcDaysOf,
} from '../../src';

const day = (s: string): CivilDate => {
  const d = parseDay(s);
  if (!d.ok) throw new Error(`bad fixture date ${s}`);
  return d.value;
};
const at = (iso: string) => Date.parse(iso);

const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];

/** Asserts the buckets tile [start, end) hour by hour, in order, each label used once. */
function expectGapless(
  buckets: { label: string; hours: number[] }[],
  from: CivilDate,
  to: CivilDate,
  tz: string,
) {
  const { start, end } = hourRange(from, to, tz);
  const hours = buckets.flatMap((b) => b.hours);
  expect(hours[0]).toBe(start);
  expect(hours.length).toBe((end - start) / HOUR_MS);
  const firstGap = hours.findIndex((h, i) => h !== start + i * HOUR_MS);
  expect(firstGap).toBe(-1);
  expect(new Set(buckets.map((b) => b.label)).size).toBe(buckets.length);
}

describe('ISO 8601 week-year', () => {
  test.each([
    ['2026-12-31', '2026-W53'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2024-12-30', '2025-W01'],
    ['2019-12-30', '2020-W01'],
    ['2026-06-15', '2026-W25'],
  ])('%s is in %s', (date, week) => {
    // Prepare
    const d = day(date);

    // Act
    const w = isoWeek(d);
    const label = bucketLabel(Date.UTC(d.year, d.month - 1, d.day, 12), 'week', 'UTC');

    // Assess
    expect(`${w.year}-W${String(w.week).padStart(2, '0')}`).toBe(week);
    expect(label).toBe(week);
  });

  test('a week bucket spanning New Year keeps its week-year and all seven days', () => {
    // Act
    const buckets = bucketsInRange(day('2026-12-28'), day('2027-01-10'), 'week', 'UTC');

    // Assess
    expect(buckets.map((b) => [b.label, b.hours.length])).toEqual([
      ['2026-W53', 7 * 24],
      ['2027-W01', 7 * 24],
    ]);
  });
});

describe('bucketsInRange covers every bucket with no gaps', () => {
  test.each(ZONES.flatMap((tz) => INTERVALS.map((i) => [tz, i] as [string, Interval])))(
    '%s, %s, March to November 2026 (both DST changes)',
    (tz, interval) => {
      // Prepare
      const from = day('2026-03-01');
      const to = day('2026-11-30');

      // Act
      const buckets = bucketsInRange(from, to, interval, tz);

      // Assess
      expectGapless(buckets, from, to, tz);
    },
  );

  test('for arbitrary ranges and zones', () => {
    // Prepare
    const range = fc.record({
      start: fc.integer({ min: 0, max: 3 * 365 }),
      length: fc.integer({ min: 1, max: 45 }),
      tz: fc.constantFrom(...ZONES, 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu'),
      interval: fc.constantFrom(...INTERVALS),
    });

    // Act / Assess
    fc.assert(
      fc.property(range, ({ start, length, tz, interval }) => {
        const first = Date.UTC(2025, 0, 1) + start * 86_400_000;
        const from = day(new Date(first).toISOString().slice(0, 10));
        const to = day(new Date(first + (length - 1) * 86_400_000).toISOString().slice(0, 10));
        const buckets = bucketsInRange(from, to, interval, tz);
        expectGapless(buckets, from, to, tz);
        if (interval === 'day') expect(buckets.length).toBe(length);
      }),
      { numRuns: 60 },
    );
  });

  test('days, months and the year add up in UTC', () => {
    // Act
    const days = bucketsInRange(day('2026-01-01'), day('2026-12-31'), 'day', 'UTC');
    const months = bucketsInRange(day('2026-01-01'), day('2026-12-31'), 'month', 'UTC');

    // Assess
    expect(days).toHaveLength(365);
    expect(days.every((d) => d.hours.length === 24)).toBe(true);
    expect(months.map((m) => m.label)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(months[1]?.hours).toHaveLength(28 * 24);
  });
});

describe('America/New_York across daylight saving time', () => {
  test('the day DST starts has 23 hours and no 02:00', () => {
    // Act
    const [sunday] = bucketsInRange(day('2026-03-08'), day('2026-03-08'), 'day', 'America/New_York');
    const hours = bucketsInRange(day('2026-03-08'), day('2026-03-08'), 'hour', 'America/New_York');

    // Assess
    expect(sunday?.label).toBe('2026-03-08');
    expect(sunday?.hours).toHaveLength(23);
    expect(sunday?.hours[0]).toBe(at('2026-03-08T05:00:00Z'));
    expect(hours.map((h) => h.label).slice(0, 3)).toEqual([
      '2026-03-08T00:00-05:00',
      '2026-03-08T01:00-05:00',
      '2026-03-08T03:00-04:00',
    ]);
  });

  test('the day DST ends has 25 hours, and its repeated 01:00 gets two distinct labels', () => {
    // Act
    const [sunday] = bucketsInRange(day('2026-11-01'), day('2026-11-01'), 'day', 'America/New_York');
    const hours = bucketsInRange(day('2026-11-01'), day('2026-11-01'), 'hour', 'America/New_York');

    // Assess
    expect(sunday?.hours).toHaveLength(25);
    expect(hours).toHaveLength(25);
    expect(new Set(hours.map((h) => h.label)).size).toBe(25);
    expect(hours.map((h) => h.label).slice(1, 3)).toEqual([
      '2026-11-01T01:00-04:00',
      '2026-11-01T01:00-05:00',
    ]);
  });

  test('a month holding the DST start is an hour short', () => {
    // Act
    const months = bucketsInRange(day('2026-02-15'), day('2026-03-10'), 'month', 'America/New_York');

    // Assess
    expect(months.map((m) => [m.label, m.hours.length])).toEqual([
      ['2026-02', 14 * 24],
      ['2026-03', 10 * 24 - 1],
    ]);
  });
});

describe('zones far from UTC and off the hour', () => {
  test('Asia/Kolkata (+05:30): an hour belongs to the local day its start falls on', () => {
    // Act
    const [d] = bucketsInRange(day('2026-01-15'), day('2026-01-15'), 'day', 'Asia/Kolkata');
    const hours = bucketsInRange(day('2026-01-15'), day('2026-01-15'), 'hour', 'Asia/Kolkata');

    // Assess: 18:00Z is 23:30 on the 14th, 19:00Z is 00:30 on the 15th.
    expect(d?.hours).toHaveLength(24);
    expect(d?.hours[0]).toBe(at('2026-01-14T19:00:00Z'));
    expect(d?.hours.at(-1)).toBe(at('2026-01-15T18:00:00Z'));
    expect(hours[0]?.label).toBe('2026-01-15T00:30+05:30');
    expect(hours.at(-1)?.label).toBe('2026-01-15T23:30+05:30');
  });

  test('Pacific/Kiritimati (+14): New Year starts at 10:00 UTC the day before', () => {
    // Act
    const { start, end } = hourRange(day('2026-01-01'), day('2026-01-01'), 'Pacific/Kiritimati');
    const [first] = bucketsInRange(day('2026-01-01'), day('2026-01-01'), 'hour', 'Pacific/Kiritimati');

    // Assess
    expect(start).toBe(at('2025-12-31T10:00:00Z'));
    expect(end).toBe(at('2026-01-01T10:00:00Z'));
    expect(first?.label).toBe('2026-01-01T00:00+14:00');
  });

  test('Pacific/Pago_Pago (−11): a day runs from 11:00 UTC to 11:00 UTC the next day', () => {
    // Act
    const { start, end } = hourRange(day('2026-01-01'), day('2026-01-01'), 'Pacific/Pago_Pago');
    const [first] = bucketsInRange(day('2026-01-01'), day('2026-01-01'), 'hour', 'Pacific/Pago_Pago');

    // Assess
    expect(start).toBe(at('2026-01-01T11:00:00Z'));
    expect(end).toBe(at('2026-01-02T11:00:00Z'));
    expect(first?.label).toBe('2026-01-01T00:00-11:00');
  });

  test('the UTC days a zoned range touches are the aggregate items to read', () => {
    // Prepare
    const { start, end } = hourRange(day('2026-01-01'), day('2026-01-02'), 'Pacific/Pago_Pago');

    // Act
    const days = utcDaysOf(start, end);

    // Assess
    expect(days).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
  });
});

describe('hourRange', () => {
  test('a single UTC day is its 24 hours, `to` inclusive', () => {
    expect(hourRange(day('2026-01-01'), day('2026-01-01'), 'UTC')).toEqual({
      start: at('2026-01-01T00:00:00Z'),
      end: at('2026-01-02T00:00:00Z'),
    });
  });

  test('the last day of a year runs into the next', () => {
    expect(hourRange(day('2026-12-31'), day('2026-12-31'), 'Europe/Berlin')).toEqual({
      start: at('2026-12-30T23:00:00Z'),
      end: at('2026-12-31T23:00:00Z'),
    });
  });

  test('a maximal range is MAX_RANGE_DAYS days of hours in UTC', () => {
    // Prepare
    const from = day('2025-01-01');
    const to = day('2026-02-04');

    // Act
    const { start, end } = hourRange(from, to, 'UTC');

    // Assess
    expect(daysBetween(from, to)).toBe(MAX_RANGE_DAYS);
    expect((end - start) / HOUR_MS).toBe(MAX_RANGE_DAYS * 24);
  });
});

describe('parseDay', () => {
  test.each([
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '2026-1-1',
    '2026-01-01T00:00',
    ' 2026-01-01',
    '1969-12-31',
    '',
  ])('rejects %j', (input) => {
    expect(parseDay(input).ok).toBe(false);
  });

  test.each([undefined, null, 20260101, ['2026-01-01'], { year: 2026 }])(
    'rejects the non-string %j',
    (input) => {
      expect(parseDay(input).ok).toBe(false);
    },
  );

  test('accepts a leap day only in a leap year', () => {
    expect(parseDay('2024-02-29')).toEqual({ ok: true, value: { year: 2024, month: 2, day: 29 } });
    expect(parseDay('2026-02-29').ok).toBe(false);
  });
});

describe('daysBetween', () => {
  test.each([
    ['2026-01-01', '2026-01-01', 1],
    ['2026-01-01', '2026-01-31', 31],
    ['2026-01-01', '2026-12-31', 365],
    ['2024-01-01', '2024-12-31', 366],
    ['2026-03-01', '2026-03-31', 31],
  ])('%s..%s is %i days, inclusive', (from, to, n) => {
    expect(daysBetween(day(from), day(to))).toBe(n);
  });

  test('a reversed range holds no days', () => {
    expect(daysBetween(day('2026-01-02'), day('2026-01-01'))).toBeLessThan(1);
    expect(daysBetween(day('2026-02-01'), day('2026-01-01'))).toBeLessThan(0);
  });
});

describe('isValidTimeZone', () => {
  test.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Calcutta', 'Pacific/Kiritimati'])(
    'accepts %s',
    (tz) => {
      expect(isValidTimeZone(tz)).toBe(true);
    },
  );

  test.each(['Mars/Olympus_Mons', '', 'Europe/Berlin ', 'x'.repeat(100), 42, undefined, null, {}])(
    'rejects %j',
    (tz) => {
      expect(isValidTimeZone(tz)).toBe(false);
    },
  );
});
