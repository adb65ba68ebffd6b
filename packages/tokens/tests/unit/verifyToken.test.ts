// Session tokens end to end: what verifyToken accepts, and the reason it gives for what it refuses.

import { issueToken, verifyToken } from '../../src';
import { freshKey } from '../helpers/keys';
import { bytesToToken, flipBit, layout, tokenBytes } from '../helpers/tokenBytes';

const issuedAt = new Date('2026-03-01T12:00:00.750Z');
const ttlSeconds = 12 * 3600;
const at = (secondsAfterIssue: number) =>
  new Date(Date.parse('2026-03-01T12:00:00Z') + secondsAfterIssue * 1000);

describe('verifyToken', () => {
  const key = freshKey();
  const token = issueToken({ sub: 'alice', role: 'admin' }, { key, ttlSeconds, now: issuedAt });

  it('returns the claims, issue time and expiry of a token it issued', () => {
    // Act
    const result = verifyToken(token, { key, now: at(60) });

    // Assess
    expect(result).toEqual({
      ok: true,
      value: {
        claims: { sub: 'alice', role: 'admin' },
        issuedAt: new Date('2026-03-01T12:00:00Z'),
        expiresAt: new Date('2026-03-02T00:00:00Z'),
      },
    });
  });

  it('accepts the token up to and including its last second', () => {
    expect(verifyToken(token, { key, now: at(ttlSeconds) }).ok).toBe(true);
  });

  it('rejects the token as expired one second after it expired', () => {
    // Act
    const result = verifyToken(token, { key, now: at(ttlSeconds + 1) });

    // Assess
    expect(!result.ok && result.error.reason).toBe('expired');
  });

  it('accepts a token dated up to 60 s ahead (clock skew) and calls one further ahead expired', () => {
    // Act
    const within = verifyToken(token, { key, now: at(-60) });
    const beyond = verifyToken(token, { key, now: at(-61) });

    // Assess
    expect(within.ok).toBe(true);
    expect(!beyond.ok && beyond.error.reason).toBe('expired');
  });

  it('rejects a token made with another key as wrong_key', () => {
    // Prepare
    const foreign = issueToken(
      { sub: 'alice', role: 'admin' },
      { key: freshKey(), ttlSeconds, now: issuedAt },
    );

    // Act
    const result = verifyToken(foreign, { key, now: at(60) });

    // Assess
    expect(!result.ok && result.error.reason).toBe('wrong_key');
  });

  it('rejects every single flipped bit outside the key id as tampered', () => {
    // Prepare
    const bits = tokenBytes(token).length * 8;
    const keyIdBits = new Set(Array.from({ length: 32 }, (_, i) => layout.keyId * 8 + i));

    // Act
    const reasons = new Set<string>();
    for (let bit = 0; bit < bits; bit++) {
      if (keyIdBits.has(bit)) continue;
      const result = verifyToken(flipBit(token, bit), { key, now: at(60) });
      reasons.add(result.ok ? 'accepted' : result.error.reason);
    }

    // Assess
    expect([...reasons]).toEqual(['tampered']);
  });

  it('reads a flipped bit inside the key id as wrong_key (the documented limit of the rule)', () => {
    // Act
    const result = verifyToken(flipBit(token, layout.keyId * 8 + 3), { key, now: at(60) });

    // Assess
    expect(!result.ok && result.error.reason).toBe('wrong_key');
  });

  it.each([
    ['the last character', 1],
    ['the last ten characters', 10],
    ['half of the token', Math.floor(token.length / 2)],
  ])('rejects a token missing %s as malformed', (_label, cut) => {
    // Act
    const result = verifyToken(token.slice(0, token.length - cut), { key, now: at(60) });

    // Assess
    expect(!result.ok && result.error.reason).toBe('malformed');
  });

  it('rejects a truncation that still has a well-formed length as tampered', () => {
    // Prepare: drop one ciphertext block, keeping the header and the (now wrong) HMAC.
    const bytes = tokenBytes(token);
    const shortened = Buffer.concat([
      bytes.subarray(0, layout.ciphertext),
      bytes.subarray(layout.ciphertext + 16),
    ]);

    // Act
    const result = verifyToken(bytesToToken(shortened), { key, now: at(60) });

    // Assess
    expect(!result.ok && result.error.reason).toBe('tampered');
  });

  it.each([
    ['undefined', undefined],
    ['a number', 12],
    ['an empty string', ''],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl'],
    ['the token without its padding', token.replace(/=+$/, '')],
    ['the token in the standard base64 alphabet', Buffer.from(tokenBytes(token)).toString('base64')],
    ['the token with a trailing newline', `${token}\n`],
    ['a megabyte of text', 'A'.repeat(1024 * 1024)],
    ['a 16 KiB multiple of four that decodes to nonsense', 'gAAA'.repeat(4096)],
  ])('rejects %s as malformed', (_label, input) => {
    // Act
    const result = verifyToken(input, { key, now: at(60) });

    // Assess
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.reason).toBe('malformed');
  });

  it('gives a human-readable message with every rejection', () => {
    // Act
    const result = verifyToken(flipBit(token, 200), { key, now: at(60) });

    // Assess
    expect(!result.ok && result.error.message).toMatch(/signature/);
  });
});
