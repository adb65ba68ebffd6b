// The published Fernet spec vectors (fernet/spec @ 20dead4) against our sealing and opening.

import { openFernet, sealFernet } from '../../src/fernetToken';
import { parseKey } from '../../src/keys';
import type { TokenFailureReason } from '../../src/types';
import { generateVectors, invalidVectors, specSeconds, verifyVectors } from '../helpers/fixtures';

const keyFrom = (secret: string) => {
  const parsed = parseKey(secret);
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
};

// The spec only says "reject"; these are the reasons our rule (see verifyToken) gives each vector.
const expectedReasons: Record<string, TokenFailureReason> = {
  // The spec tokens carry no key id in their IV, so a bad MAC reads as "made with another key".
  'incorrect mac': 'wrong_key',
  'too short': 'malformed',
  'invalid base64': 'malformed',
  'payload size not multiple of block size': 'malformed',
  // Authentic (the MAC is right) but undecryptable: a broken issuer, not an attack.
  'payload padding error': 'malformed',
  'far-future TS (unacceptable clock skew)': 'expired',
  'expired TTL': 'expired',
  'incorrect IV (causes padding error)': 'malformed',
};

describe('Fernet spec vectors', () => {
  it.each(generateVectors)('generates the spec token for "$src"', (vector) => {
    // Prepare
    const key = keyFrom(vector.secret);

    // Act
    const token = sealFernet(Buffer.from(vector.src, 'utf8'), key, {
      iv: Uint8Array.from(vector.iv),
      issuedAtSeconds: specSeconds(vector.now),
    });

    // Assess
    expect(token).toBe(vector.token);
  });

  it.each(verifyVectors)('verifies the spec token for "$src"', (vector) => {
    // Prepare
    const key = keyFrom(vector.secret);

    // Act
    const opened = openFernet(vector.token, key, {
      nowSeconds: specSeconds(vector.now),
      ttlSeconds: vector.ttl_sec,
    });

    // Assess
    expect(opened.ok && opened.value.plaintext.toString('utf8')).toBe(vector.src);
    expect(opened.ok && opened.value.issuedAtSeconds).toBe(specSeconds('1985-10-26T01:20:00-07:00'));
  });

  it('names an expected reason for every invalid vector', () => {
    expect(invalidVectors.map((vector) => vector.desc).sort()).toEqual(Object.keys(expectedReasons).sort());
  });

  it.each(invalidVectors)('rejects "$desc"', (vector) => {
    // Prepare
    const key = keyFrom(vector.secret);

    // Act
    const opened = openFernet(vector.token, key, {
      nowSeconds: specSeconds(vector.now),
      ttlSeconds: vector.ttl_sec,
    });

    // Assess
    expect(opened.ok).toBe(false);
    expect(!opened.ok && opened.error.reason).toBe(expectedReasons[vector.desc]);
  });
});
