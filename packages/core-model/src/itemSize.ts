// DynamoDB's item size rules (what write units and the 400 KB limit are measured on), for budgets and checks.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Item } from './attributes';

/** UTF-8 length of a string in bytes. @example utf8Bytes('é') === 2 */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/**
 * Size of a number as DynamoDB counts it: one byte per two significant digits plus one (leading and trailing
 * zeros are not significant). @example numberBytes('10000000001') === 7
 */
export function numberBytes(literal: string): number {
  const digits = literal
    .replace(/^-/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '');
  const significant = digits.replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, significant.length) / 2) + 1;
}

/** Size of one attribute value (without its name). */
export function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return utf8Bytes(value.S);
  if (value.N !== undefined) return numberBytes(value.N);
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((n, s) => n + utf8Bytes(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((n, s) => n + numberBytes(s), 0);
  if (value.BS !== undefined) return value.BS.reduce((n, b) => n + b.length, 0);
  if (value.L !== undefined) return 3 + value.L.reduce((n, v) => n + 1 + valueBytes(v), 0);
  if (value.M !== undefined)
    return 3 + Object.entries(value.M).reduce((n, [k, v]) => n + 1 + utf8Bytes(k) + valueBytes(v), 0);
  return 0;
}

/**
 * An item's size as DynamoDB counts it: the sum of every attribute's name and value, keys included.
 * @example itemBytes({ Path: { S: 'a' } }) === 5
 */
export function itemBytes(item: Item): number {
  let n = 0;
  for (const [name, value] of Object.entries(item)) n += utf8Bytes(name) + valueBytes(value);
  return n;
}
