// Runs snippets under the machine's python3 with `cryptography` installed, for interop tests.

import { execFileSync, spawnSync } from 'node:child_process';

/** Whether python3 can import `cryptography.fernet`, and if not, why. */
export function pythonFernetStatus(): { available: true } | { available: false; reason: string } {
  const probe = spawnSync('python3', ['-c', 'import cryptography.fernet'], {
    encoding: 'utf8',
    timeout: 15_000,
  });
  if (probe.error) return { available: false, reason: `python3 could not run: ${probe.error.message}` };
  if (probe.status !== 0)
    return { available: false, reason: `python3 lacks cryptography: ${probe.stderr.trim()}` };
  return { available: true };
}

/**
 * Runs a Python snippet and returns its trimmed stdout. Secrets and tokens go in through `env`,
 * never argv, so they do not show up in process listings.
 */
export function runPython(script: string, env: Record<string, string>): string {
  return execFileSync('python3', ['-c', script], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 15_000,
  }).trim();
}
