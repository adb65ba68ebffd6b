// Environment variables read the one way: trimmed, checked against one rule each, refused as an EnvError.
import { EnvError } from './errors';
import { type LogLevel, readLogLevel } from './logger';
import { err, ok, type Result } from './result';

/** A process environment (or a test's stand-in for one). */
export type Env = Readonly<Record<string, string | undefined>>;

/** DynamoDB's rule for a table name: 3 to 255 letters, digits, `_`, `.` or `-`. */
export const TABLE_NAME_PATTERN = /^[a-zA-Z0-9_.-]{3,255}$/;

/** The trimmed value of `name`, or undefined when it is unset or blank. @example envText(env, 'STATIC_DIR') */
export function envText(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * A comma-separated list, each item trimmed, blanks dropped.
 * @example envList({ ALLOWED_SITES: 'a.com, b.org' }, 'ALLOWED_SITES') // ['a.com', 'b.org']
 */
export function envList(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * TABLE_NAME, checked against DynamoDB's rule; `fallback` when unset, else it is required.
 * @example const table = envTableName(process.env); if (!table.ok) throw table.error;
 */
export function envTableName(env: Env, fallback?: string): Result<string, EnvError> {
  const value = envText(env, 'TABLE_NAME') ?? fallback;
  if (value === undefined) return err(new EnvError('TABLE_NAME', 'is not set'));
  if (!TABLE_NAME_PATTERN.test(value))
    return err(
      new EnvError('TABLE_NAME', `${JSON.stringify(value.slice(0, 300))} is not a valid table name`),
    );
  return ok(value);
}

/**
 * DYNAMODB_ENDPOINT (DynamoDB Local, `sam local`): undefined when unset, else an http(s) URL.
 * @example envEndpoint({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' }) // { ok: true, value: 'http://…' }
 */
export function envEndpoint(env: Env): Result<string | undefined, EnvError> {
  const value = envText(env, 'DYNAMODB_ENDPOINT');
  if (value !== undefined && !/^https?:\/\/\S+$/.test(value))
    return err(
      new EnvError('DYNAMODB_ENDPOINT', `${JSON.stringify(value.slice(0, 300))} is not an http(s) URL`),
    );
  return ok(value);
}

/** Bounds and default of a whole-number variable. */
export interface WholeNumberRule {
  /** The value when the variable is unset or blank. */
  fallback: number;
  min?: number;
  max?: number;
}

/**
 * A whole number from `min` (0 by default) to `max` (999,999,999 by default), or the fallback when unset.
 * @example envWholeNumber(env, 'RETENTION_DAYS', { fallback: 30, min: 1 })
 */
export function envWholeNumber(env: Env, name: string, rule: WholeNumberRule): Result<number, EnvError> {
  const raw = envText(env, name);
  if (raw === undefined) return ok(rule.fallback);
  const min = rule.min ?? 0;
  const max = rule.max ?? 999_999_999;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max)
    return err(
      new EnvError(
        name,
        `must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw.slice(0, 40))}`,
      ),
    );
  return ok(Number(raw));
}

/**
 * LOG_LEVEL: debug, info, warn or error in any case; `fallback` when unset.
 * @example envLogLevel({ LOG_LEVEL: 'WARN' }) // { ok: true, value: 'warn' }
 */
export function envLogLevel(env: Env, fallback: LogLevel = 'info'): Result<LogLevel, EnvError> {
  const raw = envText(env, 'LOG_LEVEL');
  if (raw === undefined) return ok(fallback);
  const level = readLogLevel(raw);
  return level.ok ? level : err(new EnvError('LOG_LEVEL', level.error));
}
