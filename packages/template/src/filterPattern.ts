// Evaluates Lambda event filter patterns (FilterCriteria) the way an event source mapping does, for local runs.
//
// Supported (the forms of Lambda's event filtering documentation): literal lists (strings, numbers, booleans,
// null; OR within a list), nested objects (AND across keys), `$or`, `prefix`, `suffix`, `equals-ignore-case`,
// `anything-but` (a value, a list, or a prefix/suffix), `numeric` (=, <, <=, >, >= pairs) and `exists`.
// A field holding an array in the record matches when any element matches. Unknown forms are errors, so a
// typo in template.yaml fails loudly instead of silently filtering everything out.

import type { Result } from '@footfall/kernel';
import { FilterPatternError } from './errors';
import { isRecord, kindOf } from './guards';

type Literal = string | number | boolean | null;
type NumericOp = '=' | '<' | '<=' | '>' | '>=';

/** One condition on a leaf field of the record. */
export type FilterMatcher =
  | { kind: 'equals'; value: Literal }
  | { kind: 'prefix'; value: string }
  | { kind: 'suffix'; value: string }
  | { kind: 'equals-ignore-case'; value: string }
  | { kind: 'anything-but'; values: readonly Literal[] }
  | { kind: 'anything-but-prefix'; value: string }
  | { kind: 'anything-but-suffix'; value: string }
  | { kind: 'numeric'; conditions: readonly (readonly [NumericOp, number])[] }
  | { kind: 'exists'; value: boolean };

/** A parsed pattern: per key either a nested pattern or a list of matchers (any may match), plus `$or`. */
export interface FilterPattern {
  readonly fields: ReadonlyMap<string, FilterPattern | readonly FilterMatcher[]>;
  readonly or: readonly (readonly FilterPattern[])[];
}

type Parsed<T> = Result<T, FilterPatternError>;
const fail = (path: string, message: string): { ok: false; error: FilterPatternError } => ({
  ok: false,
  error: new FilterPatternError(path, message),
});

const isLiteral = (v: unknown): v is Literal =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v));

const NUMERIC_OPS: readonly string[] = ['=', '<', '<=', '>', '>='];

function parseNumeric(value: unknown, path: string): Parsed<FilterMatcher> {
  if (!Array.isArray(value) || value.length === 0 || value.length % 2 !== 0) {
    return fail(path, 'numeric takes [op, number] pairs, e.g. [">", 0, "<=", 5]');
  }
  const conditions: [NumericOp, number][] = [];
  for (let i = 0; i < value.length; i += 2) {
    const op: unknown = value[i];
    const n: unknown = value[i + 1];
    if (typeof op !== 'string' || !NUMERIC_OPS.includes(op) || typeof n !== 'number' || !Number.isFinite(n)) {
      return fail(`${path}[${i}]`, `expected an operator (${NUMERIC_OPS.join(' ')}) and a number`);
    }
    conditions.push([op as NumericOp, n]);
  }
  return { ok: true, value: { kind: 'numeric', conditions } };
}

function parseAnythingBut(value: unknown, path: string): Parsed<FilterMatcher> {
  if (isLiteral(value)) return { ok: true, value: { kind: 'anything-but', values: [value] } };
  if (Array.isArray(value) && value.length > 0 && value.every(isLiteral)) {
    return { ok: true, value: { kind: 'anything-but', values: value } };
  }
  if (isRecord(value) && Object.keys(value).length === 1) {
    if (typeof value.prefix === 'string')
      return { ok: true, value: { kind: 'anything-but-prefix', value: value.prefix } };
    if (typeof value.suffix === 'string')
      return { ok: true, value: { kind: 'anything-but-suffix', value: value.suffix } };
  }
  return fail(path, 'anything-but takes a value, a non-empty list of values, or {"prefix"|"suffix": string}');
}

function parseMatcher(value: unknown, path: string): Parsed<FilterMatcher> {
  if (isLiteral(value)) return { ok: true, value: { kind: 'equals', value } };
  if (!isRecord(value) || Object.keys(value).length !== 1) {
    return fail(path, `expected a literal or an object with one operator, found ${kindOf(value)}`);
  }
  const [[op, arg]] = Object.entries(value) as [[string, unknown]];
  switch (op) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      return typeof arg === 'string'
        ? { ok: true, value: { kind: op, value: arg } }
        : fail(`${path}.${op}`, 'expected a string');
    case 'exists':
      return typeof arg === 'boolean'
        ? { ok: true, value: { kind: 'exists', value: arg } }
        : fail(`${path}.exists`, 'expected true or false');
    case 'anything-but':
      return parseAnythingBut(arg, `${path}.anything-but`);
    case 'numeric':
      return parseNumeric(arg, `${path}.numeric`);
    default:
      return fail(path, `unknown operator ${JSON.stringify(op)}`);
  }
}

function parseNode(value: unknown, path: string): Parsed<FilterPattern> {
  if (!isRecord(value)) return fail(path, `expected an object, found ${kindOf(value)}`);
  const fields = new Map<string, FilterPattern | readonly FilterMatcher[]>();
  const or: FilterPattern[][] = [];
  for (const [key, child] of Object.entries(value)) {
    const childPath = path === '' ? key : `${path}.${key}`;
    if (key === '$or') {
      if (!Array.isArray(child) || child.length < 2)
        return fail(childPath, '$or takes a list of at least two patterns');
      const alternatives: FilterPattern[] = [];
      for (const [i, alternative] of child.entries()) {
        const parsed = parseNode(alternative, `${childPath}[${i}]`);
        if (!parsed.ok) return parsed;
        alternatives.push(parsed.value);
      }
      or.push(alternatives);
    } else if (Array.isArray(child)) {
      if (child.length === 0) return fail(childPath, 'an empty list matches nothing');
      const matchers: FilterMatcher[] = [];
      for (const [i, m] of child.entries()) {
        const parsed = parseMatcher(m, `${childPath}[${i}]`);
        if (!parsed.ok) return parsed;
        matchers.push(parsed.value);
      }
      fields.set(key, matchers);
    } else {
      const parsed = parseNode(child, childPath);
      if (!parsed.ok) return parsed;
      fields.set(key, parsed.value);
    }
  }
  if (fields.size === 0 && or.length === 0) return fail(path === '' ? '(root)' : path, 'an empty pattern');
  return { ok: true, value: { fields, or } };
}

/** Parses one pattern as written in FilterCriteria (a JSON string). @example parseFilterPattern('{"eventName":["INSERT"]}') */
export function parseFilterPattern(json: string): Result<FilterPattern, FilterPatternError> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, error: new FilterPatternError('(root)', 'not valid JSON', { cause: error }) };
  }
  return parseNode(value, '');
}

const MISSING: unique symbol = Symbol('missing');
type Field = unknown | typeof MISSING;

function compare(op: NumericOp, a: number, b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

function matchesValue(m: Exclude<FilterMatcher, { kind: 'exists' }>, v: unknown): boolean {
  switch (m.kind) {
    case 'equals':
      return v === m.value;
    case 'prefix':
      return typeof v === 'string' && v.startsWith(m.value);
    case 'suffix':
      return typeof v === 'string' && v.endsWith(m.value);
    case 'equals-ignore-case':
      return typeof v === 'string' && v.toLowerCase() === m.value.toLowerCase();
    case 'anything-but':
      return isLiteral(v) && !m.values.includes(v);
    case 'anything-but-prefix':
      return typeof v === 'string' && !v.startsWith(m.value);
    case 'anything-but-suffix':
      return typeof v === 'string' && !v.endsWith(m.value);
    case 'numeric':
      return typeof v === 'number' && m.conditions.every(([op, n]) => compare(op, v, n));
  }
}

function matchesLeaf(matchers: readonly FilterMatcher[], field: Field): boolean {
  const values = field === MISSING ? [] : Array.isArray(field) ? field : [field];
  return matchers.some((m) => {
    if (m.kind === 'exists') return m.value === (field !== MISSING);
    return values.some((v) => matchesValue(m, v));
  });
}

function matchesNode(pattern: FilterPattern, value: unknown): boolean {
  // A missing or non-object parent behaves as an object without the field, so `exists: false` still holds.
  const object = isRecord(value) ? value : {};
  for (const [key, child] of pattern.fields) {
    const field: Field = Object.hasOwn(object, key) ? object[key] : MISSING;
    const ok = Array.isArray(child)
      ? matchesLeaf(child as readonly FilterMatcher[], field)
      : matchesNode(child as FilterPattern, field === MISSING ? {} : field);
    if (!ok) return false;
  }
  return pattern.or.every((alternatives) => alternatives.some((alt) => matchesNode(alt, object)));
}

/** True when the record matches this one pattern. */
export function matchesFilterPattern(record: unknown, pattern: FilterPattern): boolean {
  return matchesNode(pattern, record);
}

/**
 * True when the record passes the event source mapping's FilterCriteria: it matches any of the patterns.
 * No patterns means no filtering (every record passes), as in Lambda.
 * @example matchesFilterCriteria(streamRecord, settings.filterPatterns)
 */
export function matchesFilterCriteria(record: unknown, patterns: readonly FilterPattern[]): boolean {
  return patterns.length === 0 || patterns.some((p) => matchesNode(p, record));
}
