// The breakdown tables: which dimension each shows, its title, and how its values read on screen.
import type { BreakdownResponse } from '@footfall/core-model/schemas';

/** A breakdown dimension of the API. */
export type Dimension = BreakdownResponse['dimension'];

/** One table of the dashboard. */
export interface TableSpec {
  dimension: Dimension;
  title: string;
  /** Heading of the value column. */
  column: string;
}

/** The tables, in page order (pages first: its rows set the page filter). */
export const TABLES: readonly TableSpec[] = [
  { dimension: 'page', title: 'Pages', column: 'Page' },
  { dimension: 'referrer', title: 'Referrers', column: 'Referrer' },
  { dimension: 'browser', title: 'Browsers', column: 'Browser' },
  { dimension: 'os', title: 'Operating systems', column: 'OS' },
  { dimension: 'device', title: 'Devices', column: 'Device' },
  { dimension: 'country', title: 'Countries', column: 'Country' },
  { dimension: 'utm_source', title: 'UTM sources', column: 'Source' },
  { dimension: 'utm_campaign', title: 'UTM campaigns', column: 'Campaign' },
];

const regionNames = new Map<string, Intl.DisplayNames>();

/** A country's name from its ISO 3166 code, in the browser's language. @example countryName('FR', 'en') // 'France' */
export function countryName(code: string, locale?: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  try {
    const key = locale ?? '';
    let names = regionNames.get(key);
    if (!names) {
      names = new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'region' });
      regionNames.set(key, names);
    }
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** How a value of a dimension is shown. @example displayValue('device', 'mobile') // 'Mobile' */
export function displayValue(dimension: Dimension, value: string, locale?: string): string {
  if (dimension === 'country') return countryName(value, locale);
  if (dimension === 'device') return value.charAt(0).toUpperCase() + value.slice(1);
  return value;
}
