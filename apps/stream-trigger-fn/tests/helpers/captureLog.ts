// A logger that keeps its JSON lines for assertions instead of printing them.
import { createLogger, type Logger } from '@footfall/kernel';

/** A parsed log line. */
export type LogLine = { level: string; message: string } & Record<string, unknown>;

/** A debug-level JSON logger whose lines are parsed into `lines`. */
export function captureLog(): { log: Logger; lines: LogLine[]; at: (level: string) => LogLine[] } {
  const lines: LogLine[] = [];
  const log = createLogger({ level: 'debug', sink: (line) => lines.push(JSON.parse(line) as LogLine) });
  return { log, lines, at: (level) => lines.filter((l) => l.level === level) };
}

/** The per-invocation summary line (there must be exactly one). */
export function summaryOf(lines: LogLine[]): LogLine {
  const summaries = lines.filter((l) => l.level === 'metrics');
  if (summaries.length !== 1) throw new Error(`expected one summary line, found ${summaries.length}`);
  return summaries[0] as LogLine;
}
