// Password hashes as older releases stored them (fewer PBKDF2 rounds), which tokens' hashPassword refuses to make.
import { pbkdf2Sync, randomBytes } from 'node:crypto';

/** The round count of the legacy hashes: far below today's minimum, and quick to derive in tests. */
export const LEGACY_ITERATIONS = 1000;

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

/** A `$pbkdf2-sha256$i=…,l=32$salt$hash` PHC string of `password` with `iterations` rounds. */
export function legacyHash(password: string, iterations = LEGACY_ITERATIONS): string {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  return `$pbkdf2-sha256$i=${iterations},l=32$${b64(salt)}$${b64(hash)}`;
}

/** The round count a PHC string states, or undefined when it states none. */
export function iterationsOf(phc: string): number | undefined {
  const found = /\$i=(\d+),/.exec(phc);
  return found?.[1] ? Number(found[1]) : undefined;
}
