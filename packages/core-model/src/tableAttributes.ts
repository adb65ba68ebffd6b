// Every fixed attribute name of the table, so a check can prove no code outside core-model spells one.
import { eventAttributeNames } from './customEvents';
import { deadLetterAttributeNames } from './deadLetters';
import { goalAttributeNames } from './goals';
import { layoutAttributeNames } from './layout';
import { BOT_EVENTS_ATTRIBUTE, distinctAttribute } from './series';
import { shareAttributeNames } from './shares';
import { siteAttributeNames } from './sites';
import { SIZE_ATTRIBUTE, TRIE_DIMENSIONS } from './valueTrie';

/**
 * The table's fixed attribute names: keys, raw views, users, throttles, dead letters, sites, share links, a trie item's size and
 * a series item's distinct counts. (Counter names built from a value, such as `v07` or `b:Firefox`, are not
 * fixed words and are left out.)
 * @example tableAttributeNames().includes('PasswordHash') // true
 */
export function tableAttributeNames(): string[] {
  const names = [
    ...layoutAttributeNames(),
    ...eventAttributeNames(),
    ...goalAttributeNames(),
    ...deadLetterAttributeNames(),
    ...siteAttributeNames(),
    ...shareAttributeNames(),
    SIZE_ATTRIBUTE,
    BOT_EVENTS_ATTRIBUTE,
    ...TRIE_DIMENSIONS.map(distinctAttribute),
  ];
  return [...new Set(names)].sort();
}
