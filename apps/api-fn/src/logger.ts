// Structured JSON log lines carrying the request id; callers pass fields, never secrets, tokens or IPs.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Where finished lines go; stdout in Lambda (CloudWatch takes each line as one event). */
export type LogSink = (line: string) => void;

/** A logger bound to one request. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines also carry `fields`. */
  with(fields: Record<string, unknown>): Logger;
}

const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/** Turns an error into loggable fields: name, message, and the stack for real faults. */
export function errorFields(error: unknown, withStack = false): Record<string, unknown> {
  if (error instanceof Error) {
    const out: Record<string, unknown> = { errorName: error.name, errorMessage: error.message };
    if (withStack && error.stack) out.stack = error.stack;
    return out;
  }
  return { errorName: typeof error, errorMessage: String(error).slice(0, 200) };
}

/**
 * Creates a logger writing one JSON object per line with level, time, message and the bound fields.
 * @example const log = createLogger('info', { requestId }); log.info('request', { status: 202 });
 */
export function createLogger(
  level: LogLevel,
  bound: Record<string, unknown> = {},
  sink = stdoutSink,
): Logger {
  const min = RANK[level];
  const write = (at: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (RANK[at] < min) return;
    sink(JSON.stringify({ level: at, time: new Date().toISOString(), message, ...bound, ...fields }));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    with: (fields) => createLogger(level, { ...bound, ...fields }, sink),
  };
}
