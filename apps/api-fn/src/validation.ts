// Turns zod/mini validation failures into one readable 400 with a code chosen by the failing field.
import { ApiError } from './errors';
import type { Parsed } from './http';

/** The parts of a zod issue this module reads (zod/mini's own messages are only "Invalid input"). */
interface Issue {
  code: string;
  path: PropertyKey[];
  expected?: string;
  origin?: string;
  maximum?: unknown;
  minimum?: unknown;
  values?: unknown[];
  format?: string;
  message?: string;
}

/** Anything with zod's safeParse. */
export interface Schema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly unknown[] } };
}

function describeIssue(raw: unknown): { field: string; text: string } {
  const issue = raw as Issue;
  const field = issue.path.map(String).join('.') || 'body';
  const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
  switch (issue.code) {
    case 'invalid_type':
      return { field, text: `${field}: expected ${issue.expected ?? 'a different type'}` };
    case 'too_big':
      return { field, text: `${field}: must be at most ${String(issue.maximum)}${unit}` };
    case 'too_small':
      return { field, text: `${field}: must be at least ${String(issue.minimum)}${unit}` };
    case 'invalid_format':
      return { field, text: `${field}: has the wrong format` };
    case 'invalid_value':
      return {
        field,
        text: `${field}: must be one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'custom':
      return {
        field,
        text:
          issue.message && issue.message !== 'Invalid input'
            ? `${field}: ${issue.message}`
            : `${field}: is invalid`,
      };
    default:
      return { field, text: `${field}: is invalid` };
  }
}

/**
 * Validates `value` with a zod schema; on failure a 400 whose code is `codes[field]` of the first failing
 * top-level field, else `fallbackCode`, and whose message names the field and the rule.
 * @example const q = validate(breakdownQuery, query, 'invalid_query', { dimension: 'unknown_dimension' });
 */
export function validate<T>(
  schema: Schema<T>,
  value: unknown,
  fallbackCode: string,
  codes: Record<string, string> = {},
): Parsed<T> {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  const first = r.error.issues[0];
  const { field, text } = describeIssue(first ?? { code: 'custom', path: [] });
  const top = field.split('.')[0] ?? field;
  return { ok: false, error: new ApiError(400, codes[top] ?? fallbackCode, text) };
}
