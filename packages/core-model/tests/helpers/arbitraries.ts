// fast-check generators: well-formed AttributeValues, adversarial shapes, and valid stored items within LIMITS.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { DEVICES, LIMITS, type RawView, type SigninThrottle, type User } from '../../src';

/** Number literals DynamoDB could hold: integers, decimals, exponents. */
export const numberLiteral: fc.Arbitrary<string> = fc.oneof(
  fc.maxSafeInteger().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.stringMatching(/^-?\d{1,38}(\.\d{1,6})?([eE][+-]?\d{1,2})?$/),
);

/** Any well-formed AttributeValue, nested lists and maps included. */
export const attributeValue: fc.Arbitrary<AttributeValue> = fc.letrec<{ value: AttributeValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string().map((S) => ({ S })),
    numberLiteral.map((N) => ({ N })),
    fc.boolean().map((BOOL) => ({ BOOL })),
    fc.constant({ NULL: true }),
    fc.uint8Array({ maxLength: 8 }).map((B) => ({ B })),
    fc.array(fc.string(), { maxLength: 3 }).map((SS) => ({ SS })),
    fc.array(numberLiteral, { maxLength: 3 }).map((NS) => ({ NS })),
    fc.array(tie('value'), { maxLength: 4 }).map((L) => ({ L })),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }).map((M) => ({ M })),
  ),
})).value;

/**
 * Values that no attribute of any stored item accepts: wrong shapes, two type keys, non-finite or malformed
 * numbers, payloads of the wrong JS type.
 */
export const INVALID_EVERYWHERE: readonly unknown[] = [
  null,
  [],
  [{ S: 'a' }],
  {},
  'S',
  42,
  true,
  { S: 'a', N: '1' },
  { N: '1', BOOL: true },
  { N: '1e400' },
  { N: '-1e400' },
  { N: 'NaN' },
  { N: 'Infinity' },
  { N: ' 1' },
  { N: '' },
  { N: '0x10' },
  { N: 1 },
  { S: 1 },
  { S: null },
  { BOOL: 'true' },
  { L: {} },
  { M: [] },
  { X: 'a' },
  { s: 'a' },
];

/** Adversarial inputs for any decoder: the fixed list, huge payloads, and whatever fast-check can build. */
export const adversarial: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    ...INVALID_EVERYWHERE,
    undefined,
    { S: '' },
    { NULL: true },
    { S: 'x'.repeat(500_000) },
    { N: '9'.repeat(300_000) },
    { N: `${'1'.repeat(300_000)}x` },
    Object.create(null),
    new Date(0),
    new Map([['S', 'a']]),
  ),
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withNullPrototype: true, maxDepth: 3 }),
  attributeValue,
  // A well-formed value with a second type key.
  fc.tuple(attributeValue, attributeValue).map(([a, b]) => ({ ...b, ...a })),
);

/** A string of 1..max UTF-16 units, sometimes far outside ASCII. */
const text = (max: number) =>
  fc.oneof(
    fc.string({ minLength: 1, maxLength: max }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: Math.floor(max / 2) }),
  );

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Any raw view that ingest could store (ids lower-case, as viewKey writes them). */
export const rawView: fc.Arbitrary<RawView> = fc.record({
  id: fc.uuid().map((u) => u.toLowerCase()),
  site: text(LIMITS.site),
  path: text(LIMITS.path - 1).map((p) => `/${p}`),
  time: fc.integer({ min: 0, max: LIMITS.time }),
  unique: fc.boolean(),
  bot: fc.boolean(),
  browser: text(LIMITS.uaName),
  os: text(LIMITS.uaName),
  device: fc.constantFrom(...DEVICES),
  country: maybe(fc.stringMatching(/^[A-Z]{2}$/)),
  referrer: maybe(text(LIMITS.referrer)),
  utmSource: maybe(text(LIMITS.utm)),
  utmCampaign: maybe(text(LIMITS.utm)),
  duration: maybe(fc.integer({ min: 0, max: 7200 })),
  scroll: maybe(fc.integer({ min: 0, max: 100 })),
  expiresAt: fc.maxSafeNat(),
});

/** Any dashboard user the CLI could create (usernames are stored lower-case). */
export const user: fc.Arbitrary<User> = fc.record({
  username: fc.stringMatching(/^[a-z0-9._@-]{1,64}$/),
  passwordHash: text(512),
  createdAt: fc.maxSafeNat(),
  sessionEpoch: fc.maxSafeNat(),
});

/** Any sign-in throttle (usernames are stored lower-case). */
export const throttle: fc.Arbitrary<SigninThrottle> = fc.record({
  username: fc.stringMatching(/^[a-z0-9._@-]{1,64}$/),
  failures: fc.integer({ min: 0, max: 1000 }),
  windowStart: fc.integer({ min: 0, max: 2 ** 50 }),
});
