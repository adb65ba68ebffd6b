// The CLI's view of its process: output streams, input, environment; tests pass their own.
import type { Readable } from 'node:stream';

/** What a command may use of the process. */
export interface CliIo {
  /** Results (CSV, keys, lists): what a script pipes on. */
  stdout: { write(text: string): unknown };
  /** Messages and prompts for the person at the terminal. */
  stderr: { write(text: string): unknown };
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  env: Record<string, string | undefined>;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}
