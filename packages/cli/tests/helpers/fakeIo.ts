// An in-memory CliIo: captured output, a given stdin, a given environment.
import { Readable } from 'node:stream';
import type { CliIo } from '../../src/io';

/** A CliIo whose output is collected in `out.stdout` / `out.stderr`. */
export function fakeIo(stdin = '', env: Record<string, string | undefined> = {}) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
    stdin: Readable.from([Buffer.from(stdin)]),
    env,
  };
  return { io, out };
}
