// Structured logging: one JSON object per line on stdout, which CloudWatch (and its EMF extraction) parses.

/** Log levels, lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Extra fields of a log line. */
export type LogFields = Record<string, unknown>;

/** What the trigger logs through; tests pass their own to capture lines. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Writes a line whatever the level (the per-invocation metrics line must never be filtered out). */
  always(message: string, fields?: LogFields): void;
}

/** Parses LOG_LEVEL; anything unknown falls back to `info`. @example parseLogLevel('WARN') === 'warn' */
export function parseLogLevel(value: string | undefined): LogLevel {
  const v = value?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(v ?? '') ? (v as LogLevel) : 'info';
}

/**
 * Lambda's patched `console` prefixes each line with a timestamp and request id, which breaks EMF
 * extraction; writing to stdout directly keeps every line pure JSON.
 */
const stdoutLine = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Serialises values JSON cannot hold (bigint counters, errors) instead of throwing on them. */
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

/** A logger writing JSON lines at or above `level`. @example jsonLogger('warn').error('boom', { id }) */
export function jsonLogger(level: LogLevel = 'info', write: (line: string) => void = stdoutLine): Logger {
  const min = LOG_LEVELS.indexOf(level);
  const line = (lvl: LogLevel | 'metrics', message: string, fields: LogFields = {}) => {
    let text: string;
    try {
      text = JSON.stringify({ level: lvl, message, ...fields }, replacer);
    } catch {
      // A cyclic field must not take the invocation down with it.
      text = JSON.stringify({ level: lvl, message, unserialisableFields: Object.keys(fields) });
    }
    write(text);
  };
  const at = (lvl: LogLevel) => (message: string, fields?: LogFields) => {
    if (LOG_LEVELS.indexOf(lvl) >= min) line(lvl, message, fields);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    always: (message, fields) => line('metrics', message, fields),
  };
}
