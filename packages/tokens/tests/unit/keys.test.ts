// Fernet keys: generation, strict parsing, and keeping the secret out of logs.

import { inspect } from 'node:util';
import { generateKey, parseKey } from '../../src';

describe('generateKey', () => {
  it('makes 32 random bytes in URL-safe base64 with padding', () => {
    // Act
    const keys = Array.from({ length: 50 }, () => generateKey());

    // Assess
    for (const key of keys) {
      expect(key).toMatch(/^[A-Za-z0-9_-]{43}=$/);
      expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('makes keys parseKey accepts', () => {
    expect(parseKey(generateKey()).ok).toBe(true);
  });
});

describe('parseKey', () => {
  it('accepts the Fernet spec key', () => {
    expect(parseKey('cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=').ok).toBe(true);
  });

  it.each([
    ['a number', 42],
    ['an empty string', ''],
    ['a key without its padding', 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4'],
    ['a key in the standard alphabet', 'cw/0x689RpI+jtRR7oE8h/eQsKImvJapLeSbXpwF4e4='],
    ['16 bytes', `${Buffer.alloc(16).toString('base64url')}==`],
    ['33 bytes', Buffer.alloc(33).toString('base64url')],
    ['a key with surrounding whitespace', ' cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4= '],
  ])('rejects %s as malformed', (_label, text) => {
    // Act
    const parsed = parseKey(text);

    // Assess
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.reason).toBe('malformed');
  });

  it('never shows the secret when a key is logged or serialised', () => {
    // Prepare
    const secret = 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=';
    const parsed = parseKey(secret);
    if (!parsed.ok) throw parsed.error;
    const hexSecret = Buffer.from(secret, 'base64url').toString('hex');

    // Act
    const shown = `${inspect(parsed.value, { showHidden: true, depth: 5 })} ${JSON.stringify(parsed.value)}`;

    // Assess
    expect(shown).toContain(parsed.value.id);
    expect(shown).not.toContain(hexSecret.slice(0, 16));
    expect(shown).not.toContain(hexSecret.slice(32, 48));
    expect(shown).not.toContain(secret.slice(0, 12));
  });

  it('gives the same key the same id and different keys different ids', () => {
    // Prepare
    const a = generateKey();
    const b = generateKey();

    // Act
    const ids = [a, a, b].map((text) => {
      const parsed = parseKey(text);
      if (!parsed.ok) throw parsed.error;
      return parsed.value.id;
    });

    // Assess
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).not.toBe(ids[2]);
  });
});
