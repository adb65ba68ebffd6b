// Codecs and item decoders under random and adversarial input: never a throw, always a located error.
import fc from 'fast-check';
import {
  bigint,
  bool,
  type Codec,
  counterOf,
  type Decoded,
  DecodeError,
  decodeKey,
  decodeRawView,
  decodeThrottle,
  decodeUser,
  encodeRawView,
  encodeThrottle,
  encodeUser,
  int,
  item,
  list,
  map,
  num,
  oneOf,
  optional,
  str,
  withDefault,
} from '../../src';
import {
  adversarial,
  attributeValue,
  INVALID_EVERYWHERE,
  rawView,
  throttle,
  user,
} from '../helpers/arbitraries';

const RUNS = { numRuns: 300 };
const IMAGE = 'Records[3].dynamodb.NewImage';

const CODECS: [string, Codec<unknown>][] = [
  ['str()', str()],
  ['str({ allowEmpty })', str({ allowEmpty: true })],
  ['str({ maxLength, pattern })', str({ maxLength: 8, pattern: /^\// })],
  ['oneOf', oneOf(['desktop', 'mobile'])],
  ['num()', num()],
  ['num({ min, max })', num({ min: 0, max: 100 })],
  ['int()', int()],
  ['bigint()', bigint()],
  ['bool()', bool()],
  ['list(int())', list(int(), { maxItems: 3 })],
  ['map(str())', map(str())],
  ['list(map(num()))', list(map(num()))],
  ['optional(int())', optional(int())],
  ['withDefault(bool())', withDefault(bool(), false)],
];

const ITEM_DECODERS: [string, (v: unknown, path: string) => Decoded<unknown>][] = [
  ['decodeRawView', decodeRawView],
  ['decodeUser', decodeUser],
  ['decodeThrottle', decodeThrottle],
  ['decodeKey', decodeKey],
  ['counterOf', counterOf],
  ['item({...})', item({ Site: str(), Hits: list(int()) }).decode],
];

/** Asserts a failed decode is a DecodeError located at or under `path`, with the documented message. */
function expectLocatedError(result: Decoded<unknown>, path: string): void {
  if (result.ok) return;
  expect(result.error).toBeInstanceOf(DecodeError);
  expect(result.error.path.startsWith(path)).toBe(true);
  expect(result.error.message).toBe(
    `${result.error.path}: expected ${result.error.expected}, found ${result.error.found}`,
  );
}

describe('decoding never throws', () => {
  test.each(CODECS)('%s on well-formed and adversarial values', (_name, codec) => {
    // Prepare
    const input = fc.oneof(attributeValue, adversarial);

    // Act / Assess
    fc.assert(
      fc.property(input, (value) => {
        expectLocatedError(codec.decode(value, `${IMAGE}.Attr`), `${IMAGE}.Attr`);
      }),
      RUNS,
    );
  });

  test.each(ITEM_DECODERS)('%s on arbitrary images', (_name, decode) => {
    // Prepare
    const names = fc.constantFrom('Path', 'Section', 'Site', 'Page', 'Time', 'Bot', 'Failures', 'Hits', 'x');
    const image = fc.oneof(adversarial, fc.dictionary(names, fc.oneof(attributeValue, adversarial)));

    // Act / Assess
    fc.assert(
      fc.property(image, (value) => {
        expectLocatedError(decode(value, IMAGE), IMAGE);
      }),
      RUNS,
    );
  });

  test.each(CODECS)('%s rejects every shape no attribute accepts', (_name, codec) => {
    for (const value of INVALID_EVERYWHERE) {
      // Act
      const result = codec.decode(value, 'A');

      // Assess
      expect(result.ok).toBe(false);
      expectLocatedError(result, 'A');
    }
  });
});

describe('errors name the attribute path and what was expected vs found', () => {
  test('a stream image with a string where a number belongs', () => {
    // Prepare
    const image = { ...encodeRawView(sampleView()), Time: { S: '1767225600000' } };

    // Act
    const result = decodeRawView(image, IMAGE);

    // Assess
    expect(result).toEqual({ ok: false, error: expect.any(DecodeError) });
    if (result.ok) return;
    expect(result.error.message).toBe('Records[3].dynamodb.NewImage.Time: expected N, found S');
    expect(result.error.path).toBe('Records[3].dynamodb.NewImage.Time');
  });

  test('each corrupted attribute of a raw view is reported at its own path', () => {
    // Prepare
    const attributes = Object.keys(encodeRawView(sampleView()));
    const corruption = fc.record({
      name: fc.constantFrom(...attributes),
      bad: fc.constantFrom(...INVALID_EVERYWHERE),
      view: rawViewWithEveryField(),
    });

    // Act / Assess
    fc.assert(
      fc.property(corruption, ({ name, bad, view }) => {
        const result = decodeRawView({ ...encodeRawView(view), [name]: bad }, IMAGE);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.path).toBe(`${IMAGE}.${name}`);
      }),
      RUNS,
    );
  });

  test('a missing required attribute is "found nothing"', () => {
    // Prepare
    const { Browser: _dropped, ...image } = encodeRawView(sampleView());

    // Act
    const result = decodeRawView(image, IMAGE);

    // Assess
    expect(!result.ok && result.error.message).toBe(`${IMAGE}.Browser: expected S, found nothing`);
  });

  test.each([
    [{ S: 'a', N: '1' }, 'expected N, found object with keys S,N'],
    [null, 'expected N, found null'],
    [[{ N: '1' }], 'expected N, found array'],
    [{}, 'expected N, found empty object'],
    [{ N: 1 }, 'expected N string, found number'],
    [{ N: 'NaN' }, 'expected N, found "NaN"'],
    [{ N: 'Infinity' }, 'expected N, found "Infinity"'],
    [{ N: ' 1' }, 'expected N, found " 1"'],
    [{ N: '1e400' }, 'expected finite N, found 1e400'],
  ])('a number attribute holding %j says "%s"', (value, message) => {
    // Act
    const result = num().decode(value, 'Time');

    // Assess
    expect(!result.ok && result.error.message).toBe(`Time: ${message}`);
  });

  test.each<[string, Codec<unknown>, unknown, string]>([
    ['an empty string', str(), { S: '' }, 'Page: expected non-empty S, found empty string'],
    [
      'a huge string',
      str({ maxLength: 512 }),
      { S: 'x'.repeat(100_000) },
      'Page: expected S of at most 512 chars, found 100000 chars',
    ],
    ['a string BOOL', bool(), { BOOL: 'true' }, 'Page: expected BOOL boolean, found string'],
    ['an object L', list(str()), { L: {} }, 'Page: expected L array, found empty object'],
    ['an array M', map(str()), { M: [] }, 'Page: expected M object, found array'],
    ['a value outside the set', oneOf(['a', 'b']), { S: 'c' }, 'Page: expected one of a|b, found "c"'],
  ])('%s is named precisely', (_label, codec, value, message) => {
    // Act
    const result = codec.decode(value, 'Page');

    // Assess
    expect(!result.ok && result.error.message).toBe(message);
  });

  test('an element of a list is named by its index', () => {
    // Act
    const result = list(int()).decode({ L: [{ N: '1' }, { N: '2' }, { S: '3' }] }, 'L');

    // Assess
    expect(!result.ok && result.error.path).toBe('L[2]');
    expect(!result.ok && result.error.message).toBe('L[2]: expected N, found S');
  });

  test('an entry of a map is named by its key, nested under lists', () => {
    // Prepare
    const codec = map(list(map(int())));
    const value = { M: { key: { L: [{ M: { ok: { N: '1' } } }, { M: { hits: { N: '1.5' } } }] } } };

    // Act
    const flat = map(str()).decode({ M: { key: { N: '1' } } }, 'M');
    const nested = codec.decode(value, 'M');

    // Assess
    expect(!flat.ok && flat.error.message).toBe('M.key: expected S, found N');
    expect(!nested.ok && nested.error.message).toBe('M.key[1].hits: expected safe integer N, found 1.5');
  });

  test('DecodeError.under puts the error one level down', () => {
    // Prepare
    const inList = new DecodeError('[2]', 'N', 'S');
    const inMap = new DecodeError('Time', 'N', 'S');
    const atRoot = new DecodeError('', 'item', 'null');

    // Act / Assess
    expect(inList.under('Records[3].L').path).toBe('Records[3].L[2]');
    expect(inMap.under('Records[3].dynamodb.NewImage').message).toBe(
      'Records[3].dynamodb.NewImage.Time: expected N, found S',
    );
    expect(atRoot.under('Records[0]').path).toBe('Records[0]');
  });

  test('decodeKey names Keys.Path and Keys.Section', () => {
    // Act
    const noSection = decodeKey({ Path: { S: 'view#x' } });
    const notAMap = decodeKey(null, 'Records[0].dynamodb.Keys');

    // Assess
    expect(!noSection.ok && noSection.error.message).toBe('Keys.Section: expected S, found nothing');
    expect(!notAMap.ok && notAMap.error.path).toBe('Records[0].dynamodb.Keys');
  });
});

describe('numbers', () => {
  test.each([
    '1.5',
    '.5',
    '4503599627370496.5',
    '9007199254740991.4',
    '1e-400',
    '9007199254740992',
    '9007199254740993',
    '-9007199254740992',
    '1e16',
  ])('int() rejects %s (a fraction or beyond 2^53)', (n) => {
    // Act
    const result = int().decode({ N: n }, 'Time');

    // Assess
    expect(!result.ok && result.error.expected).toBe('safe integer N');
  });

  test.each([
    ['9007199254740991', 2 ** 53 - 1],
    ['-9007199254740991', -(2 ** 53 - 1)],
    ['1e3', 1000],
    ['150e-1', 15],
    ['1.0', 1],
    ['007', 7],
  ])('int() accepts %s', (n, expected) => {
    // Act / Assess
    expect(int().decode({ N: n })).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['1e309', '1e309'],
    ['-1e400', '-1e400'],
    ['a 401-digit integer', `1${'0'.repeat(400)}`],
  ])('num() rejects %s, which overflows to Infinity', (_label, n) => {
    // Act
    const result = num().decode({ N: n }, 'D');

    // Assess
    expect(!result.ok && result.error.expected).toBe('finite N');
  });

  test('num() keeps the largest finite double', () => {
    expect(num().decode({ N: '1.7976931348623157e308' })).toEqual({ ok: true, value: Number.MAX_VALUE });
  });

  test('bigint() reads counters up to 38 digits and no further', () => {
    // Prepare
    const max = '9'.repeat(38);

    // Act / Assess
    expect(bigint().decode({ N: max })).toEqual({ ok: true, value: BigInt(max) });
    expect(bigint().decode({ N: `${max}9` }).ok).toBe(false);
    expect(bigint().decode({ N: '1.5' }).ok).toBe(false);
  });

  test('a long malformed number is rejected, not left backtracking', () => {
    // Act
    const result = num().decode({ N: `${'1'.repeat(300_000)}x` }, 'N');

    // Assess
    expect(result.ok).toBe(false);
  });
});

describe('encode → decode round-trips', () => {
  test('every valid raw view', () => {
    fc.assert(
      fc.property(rawView, (view) => {
        expect(decodeRawView(encodeRawView(view))).toEqual({ ok: true, value: view });
      }),
      RUNS,
    );
  });

  test('every valid raw view, through the JSON of a stream record', () => {
    fc.assert(
      fc.property(rawView, (view) => {
        // Act
        const image: unknown = JSON.parse(JSON.stringify(encodeRawView(view)));

        // Assess
        expect(decodeRawView(image, IMAGE)).toEqual({ ok: true, value: view });
      }),
      RUNS,
    );
  });

  test('every valid user', () => {
    fc.assert(
      fc.property(user, (u) => {
        expect(decodeUser(encodeUser(u))).toEqual({ ok: true, value: u });
      }),
      RUNS,
    );
  });

  test('every valid sign-in throttle', () => {
    fc.assert(
      fc.property(throttle, (t) => {
        expect(decodeThrottle(encodeThrottle(t))).toEqual({ ok: true, value: t });
      }),
      RUNS,
    );
  });

  test('the combinators on their own values', () => {
    // Prepare
    const codec = map(list(optional(int())));
    const values = fc.dictionary(fc.string(), fc.array(fc.maxSafeInteger(), { maxLength: 4 }));
    const doubles = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0));

    // Act / Assess
    fc.assert(
      fc.property(
        values,
        doubles,
        fc.bigInt({ min: -(10n ** 38n) + 1n, max: 10n ** 38n - 1n }),
        (m, d, b) => {
          expect(codec.decode(codec.encode(m))).toEqual({ ok: true, value: m });
          expect(num().decode(num().encode(d))).toEqual({ ok: true, value: d });
          expect(bigint().decode(bigint().encode(b))).toEqual({ ok: true, value: b });
        },
      ),
      RUNS,
    );
  });

  test('a map key named __proto__ survives decoding and encoding', () => {
    // Prepare
    const value: unknown = JSON.parse('{"M":{"__proto__":{"S":"x"},"a":{"S":"y"}}}');

    // Act
    const decoded = map(str()).decode(value);
    const encoded = decoded.ok ? map(str()).encode(decoded.value) : undefined;

    // Assess
    expect(decoded.ok && Object.entries(decoded.value)).toEqual([
      ['__proto__', 'x'],
      ['a', 'y'],
    ]);
    expect(Object.keys(encoded?.M ?? {})).toEqual(['__proto__', 'a']);
  });
});

function sampleView() {
  return {
    id: '0b0c4a4e-7e0e-4c59-9d2a-6f1f3c2b1a00',
    site: 'example.com',
    path: '/',
    time: Date.UTC(2026, 0, 1),
    unique: true,
    bot: false,
    browser: 'Firefox',
    os: 'Linux',
    device: 'desktop' as const,
    expiresAt: 1_800_000_000,
  };
}

/** Raw views with every optional attribute present, so any attribute name can be corrupted. */
function rawViewWithEveryField() {
  return rawView.map((v) => ({
    ...v,
    country: v.country ?? 'DE',
    referrer: v.referrer ?? 'example.org',
    utmSource: v.utmSource ?? 'mail',
    utmCampaign: v.utmCampaign ?? 'spring',
    duration: v.duration ?? 10,
    scroll: v.scroll ?? 50,
  }));
}
