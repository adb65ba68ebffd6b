// Typed codecs over DynamoDB AttributeValues: small combinators that decode to results and encode back.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { err, ok, type Result } from '@footfall/kernel';
import { DecodeError } from './errors';
import { utf8Bytes } from './itemSize';

/** A decoded value or the error naming where and why decoding failed. */
export type Decoded<T> = Result<T, DecodeError>;

/** Decodes and encodes one attribute value. `encode` returns undefined for an absent optional value. */
export interface Codec<T> {
  readonly expected: string;
  decode(value: unknown, path?: string): Decoded<T>;
  encode(value: T): AttributeValue | undefined;
}

/** A DynamoDB item (or stream image): attribute name → AttributeValue. */
export type Item = Record<string, AttributeValue>;

const TYPE_KEYS = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'] as const;
type TypeKey = (typeof TYPE_KEYS)[number];

/**
 * DynamoDB's number syntax (digits, optional fraction and exponent). Written without overlapping repeats:
 * `\d+\.?\d*` backtracks quadratically, so a long digit string would stall the decoder for minutes.
 */
const NUMBER_SYNTAX = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Describes what an unknown value is, for error messages ("S", "null", "array", "object with keys S,N"). */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value !== 'object') return typeof value;
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
  if (keys.length === 1 && (TYPE_KEYS as readonly string[]).includes(keys[0] as string))
    return keys[0] as string;
  return keys.length === 0 ? 'empty object' : `object with keys ${keys.slice(0, 5).join(',')}`;
}

/** Returns the single type key of a well-formed AttributeValue and its payload, or undefined. */
function unwrap(value: unknown): { type: TypeKey; payload: unknown } | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
  if (keys.length !== 1) return undefined;
  const type = keys[0] as TypeKey;
  if (!(TYPE_KEYS as readonly string[]).includes(type)) return undefined;
  return { type, payload: (value as Record<string, unknown>)[type] };
}

function expectType(value: unknown, type: TypeKey, path: string): Decoded<unknown> {
  const u = unwrap(value);
  if (!u || u.type !== type) return err(new DecodeError(path, type, describe(value)));
  return ok(u.payload);
}

/** Options of the string codec. */
export interface StrOptions {
  /** Allow the empty string (DynamoDB allows it for non-key attributes). Default false. */
  allowEmpty?: boolean;
  maxLength?: number;
  /** Most UTF-8 bytes (SPEC §3 limits text in bytes). */
  maxBytes?: number;
  pattern?: RegExp;
}

/** A string attribute (`S`). @example str({ maxLength: 512 }).decode({ S: '/' }) */
export function str(options: StrOptions = {}): Codec<string> {
  const expected = 'S';
  return {
    expected,
    decode(value, path = '') {
      const r = expectType(value, 'S', path);
      if (!r.ok) return r;
      const s = r.value;
      if (typeof s !== 'string') return err(new DecodeError(path, 'S string', typeof s));
      if (!options.allowEmpty && s.length === 0)
        return err(new DecodeError(path, 'non-empty S', 'empty string'));
      if (options.maxLength !== undefined && s.length > options.maxLength)
        return err(new DecodeError(path, `S of at most ${options.maxLength} chars`, `${s.length} chars`));
      if (options.maxBytes !== undefined && s.length > options.maxBytes / 3) {
        const bytes = utf8Bytes(s);
        if (bytes > options.maxBytes)
          return err(new DecodeError(path, `S of at most ${options.maxBytes} bytes`, `${bytes} bytes`));
      }
      if (options.pattern && !options.pattern.test(s))
        return err(new DecodeError(path, `S matching ${options.pattern}`, JSON.stringify(s.slice(0, 40))));
      return ok(s);
    },
    encode: (s) => ({ S: s }),
  };
}

/** A string attribute equal to one of the given values. */
export function oneOf<const T extends string>(values: readonly T[]): Codec<T> {
  const inner = str();
  return {
    expected: `S in {${values.join(',')}}`,
    decode(value, path = '') {
      const r = inner.decode(value, path);
      if (!r.ok) return r;
      if (!(values as readonly string[]).includes(r.value))
        return err(new DecodeError(path, `one of ${values.join('|')}`, JSON.stringify(r.value.slice(0, 40))));
      return ok(r.value as T);
    },
    encode: (s) => ({ S: s }),
  };
}

function parseNumberString(payload: unknown, path: string): Decoded<string> {
  if (typeof payload !== 'string') return err(new DecodeError(path, 'N string', typeof payload));
  if (!NUMBER_SYNTAX.test(payload))
    return err(new DecodeError(path, 'N', JSON.stringify(payload.slice(0, 40))));
  return ok(payload);
}

/** A finite number attribute (`N`). Overflowing or malformed numbers are errors. */
export function num(options: { min?: number; max?: number } = {}): Codec<number> {
  return {
    expected: 'N',
    decode(value, path = '') {
      const r = expectType(value, 'N', path);
      if (!r.ok) return r;
      const s = parseNumberString(r.value, path);
      if (!s.ok) return s;
      const n = Number(s.value);
      if (!Number.isFinite(n)) return err(new DecodeError(path, 'finite N', s.value.slice(0, 40)));
      if (options.min !== undefined && n < options.min)
        return err(new DecodeError(path, `N ≥ ${options.min}`, String(n)));
      if (options.max !== undefined && n > options.max)
        return err(new DecodeError(path, `N ≤ ${options.max}`, String(n)));
      return ok(n);
    },
    encode: (n) => ({ N: String(n) }),
  };
}

/**
 * True when a number literal (already matching NUMBER_SYNTAX) denotes an integer. Checked on the digits
 * because a double rounds fractions away above 2^52 ("4503599627370496.5") and underflows tiny ones to 0.
 */
function isIntegerLiteral(literal: string): boolean {
  const m = /^-?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!m) return false;
  const fraction = m[2] ?? '';
  const digits = `${m[1] ?? ''}${fraction}`.replace(/^0+/, '');
  if (digits === '') return true; // zero, however written
  const significant = digits.replace(/0+$/, '');
  return Number(m[3] ?? '0') - fraction.length + (digits.length - significant.length) >= 0;
}

/** A safe-integer number attribute (`N`); fractions and values beyond 2^53 are errors. */
export function int(options: { min?: number; max?: number } = {}): Codec<number> {
  const inner = num(options);
  return {
    expected: 'integer N',
    decode(value, path = '') {
      const r = inner.decode(value, path);
      if (!r.ok) return r;
      // num() accepted it, so `value` is `{ N: <number literal> }`.
      const literal = (value as { N: string }).N;
      if (!Number.isSafeInteger(r.value) || !isIntegerLiteral(literal))
        return err(new DecodeError(path, 'safe integer N', literal.slice(0, 40)));
      return ok(r.value);
    },
    encode: (n) => ({ N: String(n) }),
  };
}

/** An integer attribute of any size (`N`) as a bigint: used for counters that may outgrow 2^53. */
export function bigint(): Codec<bigint> {
  return {
    expected: 'integer N',
    decode(value, path = '') {
      const r = expectType(value, 'N', path);
      if (!r.ok) return r;
      const s = parseNumberString(r.value, path);
      if (!s.ok) return s;
      if (!/^-?\d{1,38}$/.test(s.value)) return err(new DecodeError(path, 'integer N', s.value.slice(0, 40)));
      return ok(BigInt(s.value));
    },
    encode: (n) => ({ N: n.toString() }),
  };
}

/** A boolean attribute (`BOOL`). */
export function bool(): Codec<boolean> {
  return {
    expected: 'BOOL',
    decode(value, path = '') {
      const r = expectType(value, 'BOOL', path);
      if (!r.ok) return r;
      if (typeof r.value !== 'boolean') return err(new DecodeError(path, 'BOOL boolean', typeof r.value));
      return ok(r.value);
    },
    encode: (b) => ({ BOOL: b }),
  };
}

/** A list attribute (`L`) whose elements all decode with `element`. */
export function list<T>(element: Codec<T>, options: { maxItems?: number } = {}): Codec<T[]> {
  return {
    expected: `L of ${element.expected}`,
    decode(value, path = '') {
      const r = expectType(value, 'L', path);
      if (!r.ok) return r;
      if (!Array.isArray(r.value)) return err(new DecodeError(path, 'L array', describe(r.value)));
      if (options.maxItems !== undefined && r.value.length > options.maxItems)
        return err(new DecodeError(path, `L of at most ${options.maxItems}`, `${r.value.length} elements`));
      const out: T[] = [];
      for (let i = 0; i < r.value.length; i++) {
        const e = element.decode(r.value[i], `${path}[${i}]`);
        if (!e.ok) return e;
        out.push(e.value);
      }
      return ok(out);
    },
    encode(values) {
      const l: AttributeValue[] = [];
      for (const v of values) {
        const e = element.encode(v);
        if (e !== undefined) l.push(e);
      }
      return { L: l };
    },
  };
}

/** A map attribute (`M`) used as a dictionary whose values all decode with `value`. */
export function map<T>(valueCodec: Codec<T>): Codec<Record<string, T>> {
  return {
    expected: `M of ${valueCodec.expected}`,
    decode(value, path = '') {
      const r = expectType(value, 'M', path);
      if (!r.ok) return r;
      const m = r.value;
      if (m === null || typeof m !== 'object' || Array.isArray(m))
        return err(new DecodeError(path, 'M object', describe(m)));
      // Entries + fromEntries: a key named `__proto__` stays an own entry instead of setting the prototype.
      const out: [string, T][] = [];
      for (const [k, v] of Object.entries(m)) {
        const d = valueCodec.decode(v, path === '' ? k : `${path}.${k}`);
        if (!d.ok) return d;
        out.push([k, d.value]);
      }
      return ok(Object.fromEntries(out));
    },
    encode(values) {
      const m: [string, AttributeValue][] = [];
      for (const [k, v] of Object.entries(values)) {
        const e = valueCodec.encode(v);
        if (e !== undefined) m.push([k, e]);
      }
      return { M: Object.fromEntries(m) };
    },
  };
}

/** Makes a codec accept an absent attribute (undefined); a present but malformed value is still an error. */
export function optional<T>(inner: Codec<T>): Codec<T | undefined> {
  return {
    expected: `${inner.expected} or nothing`,
    decode(value, path = '') {
      if (value === undefined) return ok(undefined);
      return inner.decode(value, path);
    },
    encode: (v) => (v === undefined ? undefined : inner.encode(v)),
  };
}

/** Like `optional`, but an absent attribute decodes to `fallback`. */
export function withDefault<T>(inner: Codec<T>, fallback: T): Codec<T> {
  return {
    expected: `${inner.expected} or nothing`,
    decode(value, path = '') {
      if (value === undefined) return ok(fallback);
      return inner.decode(value, path);
    },
    encode: (v) => inner.encode(v),
  };
}

type Fields = Record<string, Codec<unknown>>;
/** The decoded type of an `item({...})` field set. */
export type ItemOf<F extends Fields> = { [K in keyof F]: F[K] extends Codec<infer T> ? T : never };

/** Codec of a whole item/image (a plain attribute map, not wrapped in `M`). Unknown attributes are ignored. */
export interface ItemCodec<T> {
  /** The attribute names the codec reads and writes. */
  readonly names: readonly string[];
  decode(value: unknown, path?: string): Decoded<T>;
  encode(value: T): Item;
}

/** Builds a codec for an item with the given attributes. @example item({ Site: str(), Time: int() }) */
export function item<F extends Fields>(fields: F): ItemCodec<ItemOf<F>> {
  return {
    names: Object.keys(fields),
    decode(value, path = '') {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        return err(new DecodeError(path, 'item (attribute map)', describe(value)));
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, codec] of Object.entries(fields)) {
        const d = codec.decode(source[name], path === '' ? name : `${path}.${name}`);
        if (!d.ok) return d;
        out[name] = d.value;
      }
      return ok(out as ItemOf<F>);
    },
    encode(value) {
      const out: Item = {};
      for (const [name, codec] of Object.entries(fields)) {
        const e = codec.encode((value as Record<string, unknown>)[name]);
        if (e !== undefined) out[name] = e;
      }
      return out;
    },
  };
}

/** Reads one number attribute of an item as a bigint counter, treating absence as zero. */
export function counterOf(value: unknown, path: string): Decoded<bigint> {
  if (value === undefined) return ok(0n);
  return bigint().decode(value, path);
}
