// Password hashing for sign-in: PBKDF2-HMAC-SHA256 in PHC strings, checked in constant time.

import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Result } from '@footfall/kernel';
import { PasswordCheckError, TokensUsageError } from './errors';
import { formatPbkdf2Hash, parsePbkdf2Hash } from './phc';
import type { PasswordHashOptions, PasswordMatch } from './types';

/** Rounds for new hashes: OWASP's 2023 minimum for PBKDF2-HMAC-SHA256. */
export const DEFAULT_ITERATIONS = 600_000;

const SALT_BYTES = 16;
const HASH_BYTES = 32;

// The async form runs on libuv's thread pool, so a 0.5 s derivation does not block the event loop.
const pbkdf2Async = promisify(pbkdf2);

const derive = (password: string, salt: Buffer, iterations: number, length: number) =>
  pbkdf2Async(Buffer.from(password, 'utf8'), salt, iterations, length, 'sha256');

/**
 * Hashes with any round count. Internal: tests use it with few rounds where the count is not the
 * point; production code goes through `hashPassword`, which enforces the minimum.
 */
export async function hashPasswordWithIterations(password: string, iterations: number): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, iterations, HASH_BYTES);
  return formatPbkdf2Hash({ iterations, salt, hash });
}

/**
 * Hashes a password into a `$pbkdf2-sha256$i=…,l=32$salt$hash` PHC string with a random 16-byte salt.
 * The password's UTF-8 bytes are hashed as given (no Unicode normalisation, like the Rust original).
 * @example const stored = await hashPassword('correct horse battery staple');
 */
export async function hashPassword(
  password: string,
  { iterations = DEFAULT_ITERATIONS }: PasswordHashOptions = {},
): Promise<string> {
  if (!Number.isSafeInteger(iterations) || iterations < DEFAULT_ITERATIONS) {
    throw new TokensUsageError(
      `new password hashes need at least ${DEFAULT_ITERATIONS} iterations, got ${iterations}`,
    );
  }
  return hashPasswordWithIterations(password, iterations);
}

/**
 * Checks a password against a stored PHC string in constant time; hashes with fewer rounds than
 * today's still verify, and `needsRehash` in the result says when to store a fresh hash.
 * @example const check = await verifyPassword(body.password, user.passwordHash); if (!check.ok) return 401;
 */
export async function verifyPassword(
  password: string,
  phc: string,
): Promise<Result<PasswordMatch, PasswordCheckError>> {
  const stored = parsePbkdf2Hash(phc);
  if (!stored.ok) return { ok: false, error: new PasswordCheckError('malformed_hash', stored.error) };
  const { iterations, salt, hash } = stored.value;
  const candidate = await derive(password, salt, iterations, hash.length);
  if (!timingSafeEqual(candidate, hash)) {
    return { ok: false, error: new PasswordCheckError('mismatch', 'password does not match') };
  }
  return { ok: true, value: { needsRehash: needsRehash(phc) } };
}

// A fixed salt and target for the unknown-user path; no password is meant to match them.
const DUMMY_SALT = Buffer.from('footfall/unknown-user', 'utf8');
const DUMMY_HASH = Buffer.alloc(HASH_BYTES);

/**
 * Spends the same PBKDF2 work as checking a current hash, then reports a mismatch: call it when the
 * username does not exist, so sign-in time does not reveal which usernames do. (Users whose stored
 * hash has fewer rounds answer faster until `needsRehash` has upgraded them.)
 * @example
 * const check = user
 *   ? await verifyPassword(pw, user.passwordHash)
 *   : await verifyPasswordForUnknownUser(pw);
 */
export async function verifyPasswordForUnknownUser(
  password: string,
): Promise<Result<PasswordMatch, PasswordCheckError>> {
  const candidate = await derive(password, DUMMY_SALT, DEFAULT_ITERATIONS, HASH_BYTES);
  timingSafeEqual(candidate, DUMMY_HASH);
  return { ok: false, error: new PasswordCheckError('mismatch', 'password does not match') };
}

/**
 * Tells whether a stored hash should be replaced by `hashPassword`'s output: unreadable, fewer
 * rounds than `iterations`, or a salt/output shorter than 16/32 bytes.
 * @example if (check.ok && needsRehash(user.passwordHash)) await saveHash(await hashPassword(pw));
 */
export function needsRehash(
  phc: string,
  { iterations = DEFAULT_ITERATIONS }: PasswordHashOptions = {},
): boolean {
  const stored = parsePbkdf2Hash(phc);
  if (!stored.ok) return true;
  return (
    stored.value.iterations < iterations ||
    stored.value.salt.length < SALT_BYTES ||
    stored.value.hash.length !== HASH_BYTES
  );
}
