// Lambda event-filter matching (the subset a DynamoDB stream filter uses) and the filters template.yaml declares.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const TEMPLATE_PATH = resolve(__dirname, '../../../../template.yaml');

/** True when `record` matches a Lambda filter `pattern` (exact values, prefix, exists, anything-but). */
export function matchesFilter(pattern: unknown, record: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.some((rule) => matchesRule(rule, record));
  if (pattern === null || typeof pattern !== 'object')
    throw new Error(`unsupported filter ${JSON.stringify(pattern)}`);
  const fields = record !== null && typeof record === 'object' ? (record as Record<string, unknown>) : {};
  return Object.entries(pattern).every(([name, sub]) => matchesFilter(sub, fields[name]));
}

function matchesRule(rule: unknown, value: unknown): boolean {
  if (rule === null || typeof rule !== 'object') return value === rule;
  const r = rule as Record<string, unknown>;
  if ('exists' in r) return (value !== undefined) === r.exists;
  if (typeof r.prefix === 'string') return typeof value === 'string' && value.startsWith(r.prefix);
  if ('anything-but' in r) {
    const excluded = ([] as unknown[]).concat(r['anything-but']);
    return value !== undefined && !excluded.includes(value);
  }
  throw new Error(`unsupported filter rule ${JSON.stringify(rule)}`);
}

/**
 * The `FilterCriteria` patterns in template.yaml (one-line JSON, as SAM examples write them). A Pattern line
 * this cannot read fails loudly rather than being skipped.
 */
export function templateFilterPatterns(): unknown[] {
  const text = readFileSync(TEMPLATE_PATH, 'utf8');
  return [...text.matchAll(/^\s*-?\s*Pattern:\s*(.+?)\s*$/gm)].map(([, raw = '']) => {
    const unquoted = /^'.*'$/.test(raw)
      ? raw.slice(1, -1).replaceAll("''", "'")
      : /^".*"$/.test(raw)
        ? JSON.parse(raw)
        : raw;
    try {
      return JSON.parse(unquoted) as unknown;
    } catch {
      throw new Error(`template.yaml: write the stream filter Pattern as one-line JSON, found ${raw}`);
    }
  });
}
