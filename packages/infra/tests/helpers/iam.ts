// Finds every IAM policy statement in a parsed template, wherever it sits (roles, policies, queue policies).
import { isRecord } from '@footfall/template';

/** A statement and where it was found (a dotted path into the template). */
export interface FoundStatement {
  at: string;
  statement: Record<string, unknown>;
}

/** Every element of every `Statement` list in the value, depth-first. */
export function findStatements(value: unknown, at = ''): FoundStatement[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => findStatements(v, `${at}[${i}]`));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = at === '' ? key : `${at}.${key}`;
    if (key === 'Statement') {
      const list = Array.isArray(child) ? child : [child];
      return list.map((s, i) => ({ at: `${path}[${i}]`, statement: isRecord(s) ? s : { invalid: s } }));
    }
    return findStatements(child, path);
  });
}

/** A statement's Action/Resource field as a list (IAM accepts a single value or a list). */
export function listOf(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The statements of one role's inline policies, by role logical id. */
export function roleStatements(roleProperties: Record<string, unknown>): Record<string, unknown>[] {
  return findStatements(roleProperties.Policies).map((s) => s.statement);
}
