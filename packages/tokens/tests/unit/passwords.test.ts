// Password hashes: PHC format, vectors from Python's hashlib, legacy round counts and malformed hashes.

import {
  DEFAULT_ITERATIONS,
  hashPassword,
  needsRehash,
  TokensUsageError,
  verifyPassword,
  verifyPasswordForUnknownUser,
} from '../../src';
import { hashPasswordWithIterations } from '../../src/passwords';
import { pbkdf2Vectors } from '../helpers/fixtures';

// Few rounds wherever the round count is not what a test is about, to keep the suite quick.
const FAST = 1000;

describe('hashPassword', () => {
  it('writes a 600,000-round PHC string that verifies and needs no rehash', async () => {
    // Act
    const phc = await hashPassword('correct horse battery staple');
    const check = await verifyPassword('correct horse battery staple', phc);

    // Assess
    expect(phc).toMatch(/^\$pbkdf2-sha256\$i=600000,l=32\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(check).toEqual({ ok: true, value: { needsRehash: false } });
  });

  it('refuses to write hashes with fewer than 600,000 rounds', async () => {
    await expect(hashPassword('pw', { iterations: DEFAULT_ITERATIONS - 1 })).rejects.toThrow(
      TokensUsageError,
    );
  });

  it('salts every hash differently', async () => {
    // Act
    const [a, b] = await Promise.all([
      hashPasswordWithIterations('same password', FAST),
      hashPasswordWithIterations('same password', FAST),
    ]);

    // Assess
    expect(a).not.toBe(b);
  });
});

describe('verifyPassword', () => {
  it.each(pbkdf2Vectors)('accepts the password of the Python-made hash $phc', async (vector) => {
    expect((await verifyPassword(vector.password, vector.phc)).ok).toBe(true);
  });

  it.each(pbkdf2Vectors.filter((vector) => vector.iterations === FAST))(
    'rejects a wrong password against the Python-made hash $phc',
    async (vector) => {
      // Act
      const check = await verifyPassword(`${vector.password}x`, vector.phc);

      // Assess
      expect(!check.ok && check.error.reason).toBe('mismatch');
    },
  );

  it('accepts a legacy low-round hash and asks for a rehash', async () => {
    // Prepare
    const legacy = await hashPasswordWithIterations('hunter2', FAST);

    // Act
    const check = await verifyPassword('hunter2', legacy);

    // Assess
    expect(check).toEqual({ ok: true, value: { needsRehash: true } });
  });

  it('hashes the bytes as given: no Unicode normalisation, like the Rust original', async () => {
    // Prepare
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    const phc = await hashPasswordWithIterations(composed, FAST);

    // Act
    const check = await verifyPassword(decomposed, phc);

    // Assess
    expect(!check.ok && check.error.reason).toBe('mismatch');
  });

  const good = pbkdf2Vectors[0]?.phc ?? '';
  it.each([
    ['an empty string', ''],
    ['a bcrypt hash', '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'],
    ['another algorithm', good.replace('pbkdf2-sha256', 'pbkdf2-sha512')],
    ['a missing round count', good.replace('i=1000,', '')],
    ['zero rounds', good.replace('i=1000', 'i=0')],
    ['a round count with a leading zero', good.replace('i=1000', 'i=01000')],
    ['a round count beyond the cap', good.replace('i=1000', 'i=99999999')],
    ['an unknown parameter', good.replace('l=32', 'p=1')],
    ['a length that contradicts the hash', good.replace('l=32', 'l=31')],
    ['padding on the salt', good.replace(/\$([^$]+)\$([^$]+)$/, '$$$1==$$$2')],
    [
      'URL-safe base64 in the hash',
      good.replace(/\$[^$]+$/, '$abc_def-ghijklmnopqrstuvwxyz0123456789ABCDEF'),
    ],
    ['a truncated hash', good.slice(0, -30)],
    ['an extra field', `${good}$extra`],
  ])('reports %s as a malformed hash', async (_label, phc) => {
    // Act
    const check = await verifyPassword('correct horse battery staple', phc);

    // Assess
    expect(check.ok).toBe(false);
    expect(!check.ok && check.error.reason).toBe('malformed_hash');
  });

  it('accepts a hash written without the optional l= parameter', async () => {
    expect((await verifyPassword('correct horse battery staple', good.replace(',l=32', ''))).ok).toBe(true);
  });
});

describe('verifyPasswordForUnknownUser', () => {
  it('always reports a mismatch, whatever the password', async () => {
    // Act
    const check = await verifyPasswordForUnknownUser('');

    // Assess
    expect(!check.ok && check.error.reason).toBe('mismatch');
  });
});

describe('needsRehash', () => {
  it.each(pbkdf2Vectors)('judges the Python-made hash $phc by its round count and length', (vector) => {
    expect(needsRehash(vector.phc)).toBe(
      vector.iterations < DEFAULT_ITERATIONS || vector.phc.includes('l=40'),
    );
  });

  it('asks to replace a hash it cannot read', () => {
    expect(needsRehash('not a hash')).toBe(true);
  });

  it('follows a raised round target', () => {
    expect(needsRehash(pbkdf2Vectors[3]?.phc ?? '', { iterations: 1_000_000 })).toBe(true);
  });
});
