// The dev stack's own log lines (functions log through their workers): kernel's logger, rendered for a terminal.
import { createLogger, type LogEntry, type Logger, parseLogLevel } from '@footfall/kernel';

/** Where the dev stack writes what it does: the four levels of kernel's Logger (tests pass plain objects). */
export type Log = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

const TAGS: Record<LogEntry['level'], string> = {
  debug: ' debug:',
  info: '',
  warn: ' warning:',
  error: ' error:',
  metrics: '',
};

/** `[devstack] message`, with the level named unless it is info. */
const terminalLine = (entry: LogEntry): string => `[devstack]${TAGS[entry.level]} ${entry.message}`;

/**
 * A log that writes lines at or above `level` to `write` (stdout by default), prefixed with `[devstack]`.
 * @example const log = createLog('info'); log.warn('stream trimmed');
 */
export function createLog(
  level: string,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Log {
  return createLogger({ level: parseLogLevel(level, 'debug'), sink: write, render: terminalLine });
}

/** A log that drops everything. */
export const silentLog: Log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
