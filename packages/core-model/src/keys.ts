// The table's key: its attribute names, the Key shape, and the few ways code outside core-model handles a key.
import { err, ok } from '@footfall/kernel';
import { type Decoded, type Item, str } from './attributes';
import { DecodeError } from './errors';

/** Names of the table's key and TTL attributes (template.yaml declares the same). */
export const PARTITION_KEY = 'Path';
export const SORT_KEY = 'Section';
export const TTL_ATTRIBUTE = 'ExpiresAt';

/** A table key. */
export type Key = { Path: { S: string }; Section: { S: string } };

/** The key of the item with partition `path` and sort key `section`. @example itemKey('dead#letters', id) */
export const itemKey = (path: string, section: string): Key => ({
  Path: { S: path },
  Section: { S: section },
});

/** The partition and sort values of a key, for logs and dead letters. */
export const keyParts = (key: Key): { path: string; section: string } => ({
  path: key.Path.S,
  section: key.Section.S,
});

/** One string naming a key, for maps of items by key. @example knowledge.get(keyId(seriesKey(site, day))) */
export const keyId = (key: Key): string => `${key.Path.S}\u0000${key.Section.S}`;

/** Reads the key of an item or stream `Keys` map, for logs and routing. */
export function decodeKey(keys: unknown, path = 'Keys'): Decoded<{ path: string; section: string }> {
  if (keys === null || typeof keys !== 'object') return err(new DecodeError(path, 'key map', String(keys)));
  const k = keys as Record<string, unknown>;
  const p = str().decode(k[PARTITION_KEY], `${path}.${PARTITION_KEY}`);
  if (!p.ok) return p;
  const s = str().decode(k[SORT_KEY], `${path}.${SORT_KEY}`);
  if (!s.ok) return s;
  return ok({ path: p.value, section: s.value });
}

/**
 * The key an item carries (its partition and sort attributes), or undefined when they are not strings.
 * @example const key = keyOf(item); if (key) ids.add(keyId(key));
 */
export function keyOf(item: Item): Key | undefined {
  const k = decodeKey(item, '');
  return k.ok ? itemKey(k.value.path, k.value.section) : undefined;
}
