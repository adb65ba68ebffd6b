// DynamoDB's size rules: UTF-8 text, numbers by significant digits, names counted with values.
import fc from 'fast-check';
import { itemBytes, numberBytes, utf8Bytes } from '../../src';

describe('sizes', () => {
  test('utf8Bytes agrees with Node for any string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(utf8Bytes(s)).toBe(Buffer.byteLength(s, 'utf8'));
      }),
    );
  });

  test.each([
    ['0', 2],
    ['7', 2],
    ['10000000000', 2],
    ['10000000001', 7],
    ['-12', 2],
    [`1${'0'.repeat(36)}1`, 20],
  ])('a number %s takes %i bytes', (n, bytes) => {
    expect(numberBytes(n)).toBe(bytes);
  });

  test('an item counts every attribute name and value, keys included', () => {
    expect(itemBytes({ Path: { S: 'site#a' }, Section: { S: 'é' }, v: { N: '12' } })).toBe(
      4 + 6 + 7 + 2 + 1 + 2,
    );
  });
});
