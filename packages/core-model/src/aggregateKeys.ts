// Keys shared by every aggregate item: the site partition and sort-key ranges (docs/data-model.md).
import type { Item } from './attributes';
import type { DecodeError } from './errors';
import type { Key } from './keys';

/** The partition holding every aggregate of one site. */
export const sitePartition = (site: string): string => `site#${site}`;

/** An aggregate item's key. */
export const aggregateKey = (site: string, section: string): Key => ({
  Path: { S: sitePartition(site) },
  Section: { S: section },
});

/** Sort-key bounds (inclusive, for BETWEEN) of one kind of aggregate item over a UTC day range. */
export interface SectionRange {
  partition: string;
  from: string;
  to: string;
}

/** The Section of an item (or '' when it has none). */
export function sectionOf(item: Item): string {
  const s = item.Section;
  return s && 'S' in s && typeof s.S === 'string' ? s.S : '';
}

/** What a read found, plus the attributes it could not decode (to be logged, not thrown). */
export interface ReadResult<T> {
  value: T;
  errors: DecodeError[];
}
