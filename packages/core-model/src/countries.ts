// Country from the browser's time zone (SPEC §4): never from the IP address.
import { TIMEZONE_COUNTRIES } from './timezoneCountries';

let table: Map<string, string> | undefined;

/** The ISO 3166 country code of an IANA time zone, or undefined for zones like UTC or unknown names. */
export function countryOfTimeZone(tz: unknown): string | undefined {
  if (typeof tz !== 'string' || tz.length > 64) return undefined;
  if (!table) {
    table = new Map();
    for (const entry of TIMEZONE_COUNTRIES.split(',')) {
      const i = entry.lastIndexOf(':');
      table.set(entry.slice(0, i), entry.slice(i + 1));
    }
  }
  return table.get(tz);
}
