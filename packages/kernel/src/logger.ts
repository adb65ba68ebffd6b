// The one structured logger: a JSON object per line on stdout, which CloudWatch (and its EMF extraction) parses.
import { err, ok, type Result } from './result';

/** Log levels, lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Extra fields of a log line; callers pass facts, never secrets, tokens, passwords or IP addresses. */
export type LogFields = Record<string, unknown>;

/** Where finished lines go: stdout by default (CloudWatch takes each line as one event). */
export type LogSink = (line: string) => void;

/** One line before it is rendered; `metrics` marks the line written whatever the level. */
export interface LogEntry {
  level: LogLevel | 'metrics';
  /** ISO time the line was written. */
  time: string;
  message: string;
  fields: LogFields;
}

/** What every Footfall program logs through; tests pass a sink to capture lines. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Writes a line whatever the level (a per-invocation metrics line must never be filtered out). */
  always(message: string, fields?: LogFields): void;
  /** A logger whose lines also carry `fields` (a request id, a function name). */
  with(fields: LogFields): Logger;
}

/** How to build a logger; every option has a default fit for a Lambda function. */
export interface LoggerOptions {
  /** Lowest level written (`info` by default). */
  level?: LogLevel;
  /** Where lines go (stdout by default). */
  sink?: LogSink;
  /** Fields every line carries. */
  fields?: LogFields;
  /** Turns an entry into its line (a JSON object by default; `pnpm dev` prints text). */
  render?: (entry: LogEntry) => string;
}

/**
 * Lambda's patched `console` prefixes each line with a timestamp and request id, which breaks EMF
 * extraction; writing to stdout directly keeps every line pure JSON.
 */
const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/** Serialises values JSON cannot hold (bigint counters, errors) instead of throwing on them. */
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

/**
 * Renders an entry as one JSON object: level, time, message, then the fields.
 * @example jsonLine({ level: 'info', time, message: 'request', fields: { status: 202 } })
 */
export function jsonLine(entry: LogEntry): string {
  try {
    return JSON.stringify(
      { level: entry.level, time: entry.time, message: entry.message, ...entry.fields },
      replacer,
    );
  } catch {
    // A cyclic field must not take the invocation down with it.
    return JSON.stringify({
      level: entry.level,
      time: entry.time,
      message: entry.message,
      unserialisableFields: Object.keys(entry.fields),
    });
  }
}

/**
 * Reads a log level in any case; anything else gives `fallback`.
 * @example parseLogLevel('WARN') === 'warn'
 */
export function parseLogLevel(value: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  const v = value?.trim().toLowerCase() ?? '';
  return (LOG_LEVELS as readonly string[]).includes(v) ? (v as LogLevel) : fallback;
}

/**
 * Reads a log level in any case, refusing anything else.
 * @example readLogLevel('Debug') // { ok: true, value: 'debug' }
 */
export function readLogLevel(value: string): Result<LogLevel, string> {
  const v = value.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(v)
    ? ok(v as LogLevel)
    : err(`must be ${LOG_LEVELS.slice(0, -1).join(', ')} or ${LOG_LEVELS[LOG_LEVELS.length - 1]}`);
}

/** Turns an error into loggable fields: name, message, and the stack for real faults. */
export function errorFields(error: unknown, withStack = false): LogFields {
  if (error instanceof Error) {
    const out: LogFields = { errorName: error.name, errorMessage: error.message };
    if (withStack && error.stack) out.stack = error.stack;
    return out;
  }
  return { errorName: typeof error, errorMessage: String(error).slice(0, 200) };
}

/**
 * Creates a logger writing one line per call at or above `level`.
 * @example const log = createLogger({ level: 'info' }).with({ requestId }); log.info('request', { status: 202 });
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = LOG_LEVELS.indexOf(options.level ?? 'info');
  const sink = options.sink ?? stdoutSink;
  const render = options.render ?? jsonLine;
  const bound = options.fields ?? {};
  const write = (level: LogEntry['level'], message: string, fields: LogFields = {}) =>
    sink(render({ level, time: new Date().toISOString(), message, fields: { ...bound, ...fields } }));
  const at = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (LOG_LEVELS.indexOf(level) >= min) write(level, message, fields);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    always: (message, fields) => write('metrics', message, fields),
    with: (fields) => createLogger({ ...options, fields: { ...bound, ...fields } }),
  };
}
