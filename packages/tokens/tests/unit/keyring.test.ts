// Keyrings: several keys in one setting (newest first), issuing under the newest and verifying under any.

import { generateKey, issueToken, MAX_KEYRING_KEYS, parseKey, parseKeyring, verifyToken } from '../../src';
import { freshKey } from '../helpers/keys';
import { flipBit } from '../helpers/tokenBytes';

const now = new Date('2026-03-01T12:00:00Z');

describe('parseKeyring', () => {
  it('reads one key as a keyring of one (the format before rotation)', () => {
    // Prepare
    const text = generateKey();

    // Act
    const ring = parseKeyring(`${text}\n`);

    // Assess
    const single = parseKey(text);
    if (!ring.ok || !single.ok) throw new Error('expected both to parse');
    expect(ring.value.all).toHaveLength(1);
    expect(ring.value.current.id).toBe(single.value.id);
  });

  it.each([
    ['newlines', '\n'],
    ['commas', ','],
    ['commas and spaces', ', '],
    ['Windows line ends', '\r\n'],
  ])('reads keys separated by %s, the first one current', (_label, separator) => {
    // Prepare
    const texts = [generateKey(), generateKey(), generateKey()];

    // Act
    const ring = parseKeyring(texts.join(separator));

    // Assess
    if (!ring.ok) throw ring.error;
    const ids = texts.map((t) => {
      const k = parseKey(t);
      if (!k.ok) throw k.error;
      return k.value.id;
    });
    expect(ring.value.all.map((k) => k.id)).toEqual(ids);
    expect(ring.value.current.id).toBe(ids[0]);
  });

  it.each([
    ['nothing', ''],
    ['only separators', ' ,\n'],
    ['a malformed second key', `${generateKey()}\nnot-a-key`],
    ['too many keys', Array.from({ length: MAX_KEYRING_KEYS + 1 }, () => generateKey()).join('\n')],
    ['a number', 7],
  ])('rejects %s with a message that never repeats a key', (_label, text) => {
    // Act
    const ring = parseKeyring(text);

    // Assess
    expect(ring.ok).toBe(false);
    const message = ring.ok ? '' : ring.error.message;
    expect(message.length).toBeGreaterThan(0);
    if (typeof text === 'string')
      for (const part of text.split(/\s+/)) expect(message).not.toContain(part || '§');
  });
});

describe('verifyToken with several keys', () => {
  it('accepts a token issued under the previous key and under the current one', () => {
    // Prepare
    const previous = freshKey();
    const current = freshKey();
    const old = issueToken({ sub: 'bob' }, { key: previous, ttlSeconds: 3600, now });
    const fresh = issueToken({ sub: 'bob' }, { key: current, ttlSeconds: 3600, now });

    // Act
    const results = [old, fresh].map((t) => verifyToken(t, { key: [current, previous], now }));

    // Assess
    expect(results.map((r) => r.ok)).toEqual([true, true]);
  });

  it('rejects a token of a key no longer in the keyring as wrong_key', () => {
    // Prepare
    const retired = freshKey();
    const token = issueToken({ sub: 'bob' }, { key: retired, ttlSeconds: 3600, now });

    // Act
    const result = verifyToken(token, { key: [freshKey(), freshKey()], now });

    // Assess
    expect(!result.ok && result.error.reason).toBe('wrong_key');
  });

  it('still tells a token altered after issue under the previous key as tampered', () => {
    // Prepare
    const previous = freshKey();
    const token = issueToken({ sub: 'bob' }, { key: previous, ttlSeconds: 3600, now });

    // Act
    const result = verifyToken(flipBit(token, 400), { key: [freshKey(), previous], now });

    // Assess
    expect(!result.ok && result.error.reason).toBe('tampered');
  });

  it('refuses an empty key list as a programming error', () => {
    expect(() => verifyToken('x', { key: [], now })).toThrow('at least one key');
  });
});
