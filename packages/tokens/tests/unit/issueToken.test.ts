// Issuing session tokens: fresh CSPRNG IVs, Fernet-compliant output, and refusing unusable options.

import fernet from 'fernet';
import { generateKey, issueToken, parseKey, TokensUsageError, verifyToken } from '../../src';
import { freshKey } from '../helpers/keys';
import { layout, tokenBytes } from '../helpers/tokenBytes';

const now = new Date('2026-03-01T12:00:00Z');

describe('issueToken', () => {
  const key = freshKey();

  it('gives every token its own IV, even for identical claims issued in the same second', () => {
    // Act
    const tokens = Array.from({ length: 200 }, () =>
      issueToken({ sub: 'alice' }, { key, ttlSeconds: 60, now }),
    );

    // Assess
    const ivs = tokens.map((token) =>
      tokenBytes(token).subarray(layout.keyIdEnd, layout.ciphertext).toString('hex'),
    );
    expect(new Set(ivs).size).toBe(tokens.length);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('never asks Math.random for randomness', () => {
    // Prepare
    const random = jest.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random was called');
    });

    // Act
    try {
      const token = issueToken({ sub: 'alice' }, { key, ttlSeconds: 60, now });

      // Assess
      expect(verifyToken(token, { key, now }).ok).toBe(true);
      expect(random).not.toHaveBeenCalled();
    } finally {
      random.mockRestore();
    }
  });

  it('writes tokens the fernet package itself decodes', () => {
    // Prepare
    const secretText = generateKey();
    const parsed = parseKey(secretText);
    if (!parsed.ok) throw parsed.error;

    // Act
    const token = issueToken({ sub: 'alice' }, { key: parsed.value, ttlSeconds: 60 });
    const decoded = new fernet.Token({ secret: new fernet.Secret(secretText), token, ttl: 0 }).decode();

    // Assess
    expect(JSON.parse(decoded)).toMatchObject({ claims: { sub: 'alice' } });
  });

  it('keeps the encrypted claims out of the token text', () => {
    // Act
    const token = issueToken({ sub: 'alice@example.com' }, { key, ttlSeconds: 60, now });

    // Assess
    expect(tokenBytes(token).toString('latin1')).not.toContain('alice');
  });

  it.each([
    ['zero', 0],
    ['a negative TTL', -5],
    ['a fractional TTL', 1.5],
    ['NaN', Number.NaN],
  ])('refuses %s as ttlSeconds', (_label, ttlSeconds) => {
    expect(() => issueToken({ sub: 'alice' }, { key, ttlSeconds, now })).toThrow(TokensUsageError);
  });

  it('refuses claims JSON cannot hold', () => {
    // Prepare
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;

    // Act + Assess
    expect(() => issueToken(cyclic, { key, ttlSeconds: 60, now })).toThrow(TokensUsageError);
    expect(() => issueToken({ n: 1n }, { key, ttlSeconds: 60, now })).toThrow(TokensUsageError);
    expect(() => issueToken([], { key, ttlSeconds: 60, now })).toThrow(TokensUsageError);
  });
});
