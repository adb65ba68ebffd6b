// Country from the browser's time zone (SPEC §4): zone names, old link names, and zones with no country.
import { countryOfTimeZone } from '../../src';

describe('countryOfTimeZone', () => {
  test.each([
    ['Europe/Berlin', 'DE'],
    ['America/New_York', 'US'],
    ['Asia/Kolkata', 'IN'],
    ['Asia/Calcutta', 'IN'],
    ['Australia/Sydney', 'AU'],
    ['Pacific/Kiritimati', 'KI'],
  ])('%s is in %s', (tz, country) => {
    expect(countryOfTimeZone(tz)).toBe(country);
  });

  test.each<[string, unknown]>([
    ['UTC', 'UTC'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
    ['an unknown zone', 'Mars/Olympus_Mons'],
    ['a zone in the wrong case', 'europe/berlin'],
    ['an empty string', ''],
    ['a very long string', `Europe/${'x'.repeat(10_000)}`],
    ['a number', 42],
    ['nothing', undefined],
    ['an object', { tz: 'Europe/Berlin' }],
  ])('%s has no country', (_label, tz) => {
    expect(countryOfTimeZone(tz)).toBeUndefined();
  });
});
