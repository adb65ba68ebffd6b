// The dev stack's own log lines (functions log through their workers): a small interface tests can capture.

/** Where the dev stack writes what it does. */
export interface Log {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/**
 * A log that writes lines at or above `level` to `write` (stdout by default), prefixed with `[devstack]`.
 * @example const log = createLog('info'); log.warn('stream trimmed');
 */
export function createLog(
  level: string,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Log {
  const min = Math.max(0, LEVELS.indexOf(level as (typeof LEVELS)[number]));
  const at = (index: number, tag: string) => (message: string) => {
    if (index >= min) write(`[devstack]${tag} ${message}`);
  };
  return { debug: at(0, ' debug:'), info: at(1, ''), warn: at(2, ' warning:'), error: at(3, ' error:') };
}

/** A log that drops everything. */
export const silentLog: Log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
