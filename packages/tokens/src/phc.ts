// PBKDF2-SHA256 hashes as PHC strings: `$pbkdf2-sha256$i=<rounds>,l=<bytes>$<salt>$<hash>`.
//
// This is the layout the Rust `pbkdf2`/`password-hash` crates write (the original Footfall stored
// these): salt and hash in PHC "B64", i.e. standard base64 ('+', '/') without padding, and the salt
// is decoded to bytes before it goes into PBKDF2.

import type { Result } from '@footfall/kernel';
import { decodeB64, encodeB64 } from './base64';

/** The PHC algorithm identifier we read and write. */
export const PHC_ALGORITHM = 'pbkdf2-sha256';

/** Most rounds a stored hash may ask for (~10 s of CPU here): a corrupt row must not stall sign-in. */
export const MAX_ITERATIONS = 10_000_000;

/** A decoded PBKDF2-SHA256 PHC string. */
export interface Pbkdf2Hash {
  iterations: number;
  salt: Buffer;
  hash: Buffer;
}

// Bounds of the Rust password-hash crate: salts of 4..64 B64 characters, outputs of 10..64 bytes.
const MIN_SALT_BYTES = 3;
const MAX_SALT_BYTES = 48;
const MIN_HASH_BYTES = 10;
const MAX_HASH_BYTES = 64;
const DECIMAL = /^(0|[1-9][0-9]{0,9})$/;

/** Writes a PHC string, always with both `i` and `l`, as the Rust crate does. */
export function formatPbkdf2Hash({ iterations, salt, hash }: Pbkdf2Hash): string {
  return `$${PHC_ALGORITHM}$i=${iterations},l=${hash.length}$${encodeB64(salt)}$${encodeB64(hash)}`;
}

/** Reads a PHC string, or returns what is wrong with it. */
export function parsePbkdf2Hash(text: unknown): Result<Pbkdf2Hash, string> {
  if (typeof text !== 'string')
    return { ok: false, error: `password hash must be a string, got ${typeof text}` };
  const fields = text.split('$');
  if (fields.length !== 5 || fields[0] !== '') {
    return { ok: false, error: 'password hash is not $<algorithm>$<params>$<salt>$<hash>' };
  }
  const [, algorithm = '', paramText = '', saltText = '', hashText = ''] = fields;
  if (algorithm !== PHC_ALGORITHM) {
    return { ok: false, error: `password hash algorithm is "${algorithm}", expected "${PHC_ALGORITHM}"` };
  }

  const params = new Map<string, number>();
  for (const pair of paramText.split(',')) {
    const [name = '', value = '', ...rest] = pair.split('=');
    if (rest.length > 0 || (name !== 'i' && name !== 'l') || params.has(name) || !DECIMAL.test(value)) {
      return { ok: false, error: `password hash has an unreadable parameter "${pair}"` };
    }
    params.set(name, Number(value));
  }
  const iterations = params.get('i');
  if (iterations === undefined || iterations < 1 || iterations > MAX_ITERATIONS) {
    return { ok: false, error: `password hash needs 1..${MAX_ITERATIONS} iterations (i=)` };
  }

  const salt = decodeB64(saltText);
  if (salt === undefined || salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES) {
    return { ok: false, error: 'password hash salt is not B64 of 3..48 bytes' };
  }
  const hash = decodeB64(hashText);
  if (hash === undefined || hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) {
    return { ok: false, error: 'password hash output is not B64 of 10..64 bytes' };
  }
  const length = params.get('l');
  if (length !== undefined && length !== hash.length) {
    return { ok: false, error: `password hash says l=${length} but holds ${hash.length} bytes` };
  }
  return { ok: true, value: { iterations, salt, hash } };
}
