// The technology-and-place item: views and visitors per browser, OS, device and country of one UTC day.
//
// These values come from fixed lists (woothee's browser and OS names, five device classes, the time-zone
// table's countries), never from free text a client sends, so one item per day stays bounded (~1–3 KB).
import { aggregateKey, type SectionRange, sectionOf, sitePartition } from './aggregateKeys';
import { counterOf, type Item } from './attributes';
import { DecodeError } from './errors';
import type { Key } from './keys';
import { type PairCount, unpackPair } from './packing';

/** The dimensions of the `dims#t` item. */
export const TECH_DIMENSIONS = ['browser', 'os', 'device', 'country'] as const;
export type TechDimension = (typeof TECH_DIMENSIONS)[number];

/** One-letter attribute prefix per dimension: `b:Firefox`, `o:Linux`, `d:mobile`, `c:DE`. */
const PREFIX: Record<TechDimension, string> = { browser: 'b', os: 'o', device: 'd', country: 'c' };

/** `dims#t#<day>` (the name predates the tries: `t` for technology and place). */
export const techKey = (site: string, day: string): Key => aggregateKey(site, `dims#t#${day}`);

/** The technology items of a UTC day range. */
export const techRange = (site: string, fromDay: string, toDay: string): SectionRange => ({
  partition: sitePartition(site),
  from: `dims#t#${fromDay}`,
  to: `dims#t#${toDay}`,
});

/** The attribute of one value, e.g. `b:Firefox`. */
export const techAttribute = (dimension: TechDimension, value: string): string =>
  `${PREFIX[dimension]}:${value}`;

/** Adds one `dims#t` item's rows of `dimension` into `into`; returns what could not be decoded. */
export function addTechRows(
  item: Item,
  dimension: TechDimension,
  into: Map<string, PairCount>,
): DecodeError[] {
  const errors: DecodeError[] = [];
  if (!sectionOf(item).startsWith('dims#t#')) return errors;
  const prefix = `${PREFIX[dimension]}:`;
  for (const [name, value] of Object.entries(item)) {
    if (!name.startsWith(prefix)) continue;
    const n = counterOf(value, name);
    if (!n.ok) {
      errors.push(n.error);
      continue;
    }
    const p = unpackPair(n.value);
    if (!p) {
      errors.push(new DecodeError(name, 'views × 10^10 + visitors', n.value.toString().slice(0, 40)));
      continue;
    }
    const key = name.slice(prefix.length);
    const cur = into.get(key);
    if (cur) {
      cur.views += p.views;
      cur.visitors += p.visitors;
    } else into.set(key, { ...p });
  }
  return errors;
}
