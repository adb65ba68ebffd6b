// Runs snippets under a python3 that has `cryptography` installed, for interop tests.

import { execFileSync, spawnSync } from 'node:child_process';

/**
 * The interpreters tried, in order: `$FOOTFALL_PYTHON` when set, the `python3` on PATH, then the system one
 * (Debian's `python3-cryptography` installs into /usr/bin/python3, which a pyenv or venv python3 on PATH hides).
 */
const CANDIDATES = [process.env.FOOTFALL_PYTHON, 'python3', '/usr/bin/python3'].filter(
  (c): c is string => typeof c === 'string' && c.length > 0,
);

let chosen: string | undefined;

/** Whether some python3 can import `cryptography.fernet`, and if not, why (each candidate's answer). */
export function pythonFernetStatus(): { available: true } | { available: false; reason: string } {
  const reasons: string[] = [];
  for (const candidate of CANDIDATES) {
    const probe = spawnSync(candidate, ['-c', 'import cryptography.fernet'], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    if (probe.error) reasons.push(`${candidate} could not run: ${probe.error.message}`);
    else if (probe.status !== 0)
      reasons.push(`${candidate} lacks cryptography: ${probe.stderr.trim().split('\n').pop()}`);
    else {
      chosen = candidate;
      return { available: true };
    }
  }
  return { available: false, reason: reasons.join('; ') };
}

/**
 * Runs a Python snippet and returns its trimmed stdout. Secrets and tokens go in through `env`,
 * never argv, so they do not show up in process listings.
 */
export function runPython(script: string, env: Record<string, string>): string {
  return execFileSync(chosen ?? 'python3', ['-c', script], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 15_000,
  }).trim();
}
