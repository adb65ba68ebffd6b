// Interop with Python's `cryptography.fernet`: tokens made there verify here, and the reverse.

import { generateKey, issueToken, parseKey, verifyToken } from '../../src';
import { pythonFernetStatus, runPython } from '../helpers/python';
import { flipBit } from '../helpers/tokenBytes';

const python = pythonFernetStatus();

// Seals the payload our tokens carry, at a chosen time, with the key from the environment.
const PY_ISSUE = `
import json, os
from cryptography.fernet import Fernet
payload = json.dumps({"exp": int(os.environ["ISSUED_AT"]) + 3600, "claims": {"sub": "alice", "sites": ["a.example"]}})
print(Fernet(os.environ["FERNET_KEY"].encode()).encrypt_at_time(payload.encode(), int(os.environ["ISSUED_AT"])).decode())
`;

// Opens a token with a TTL the way Python consumers would, printing the plaintext or the failure.
const PY_DECRYPT = `
import os
from cryptography.fernet import Fernet, InvalidToken
try:
    print(Fernet(os.environ["FERNET_KEY"].encode()).decrypt(os.environ["FERNET_TOKEN"].encode(), ttl=3600).decode())
except InvalidToken:
    print("InvalidToken")
`;

const parsedKey = (text: string) => {
  const parsed = parseKey(text);
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
};

if (!python.available) {
  // A missing tool is a failure, never a silent pass: .ci/run and ci.yml install it (apt python3-cryptography).
  test('Python interop needs a python3 that can import cryptography.fernet', () => {
    throw new Error(
      `no python3 with cryptography (${python.reason}); install it (apt-get install python3-cryptography, or pip install cryptography) or set FOOTFALL_PYTHON`,
    );
  });
} else {
  describe('Fernet interop with Python cryptography', () => {
    const secret = generateKey();
    const key = parsedKey(secret);
    const issuedAtSeconds = Math.floor(Date.now() / 1000);

    it('verifies a token Python made', () => {
      // Prepare
      const token = runPython(PY_ISSUE, { FERNET_KEY: secret, ISSUED_AT: String(issuedAtSeconds) });

      // Act
      const result = verifyToken(token, { key, now: new Date((issuedAtSeconds + 10) * 1000) });

      // Assess
      expect(result).toEqual({
        ok: true,
        value: {
          claims: { sub: 'alice', sites: ['a.example'] },
          issuedAt: new Date(issuedAtSeconds * 1000),
          expiresAt: new Date((issuedAtSeconds + 3600) * 1000),
        },
      });
    });

    it('reports a Python token as expired once its expiry has passed', () => {
      // Prepare
      const token = runPython(PY_ISSUE, { FERNET_KEY: secret, ISSUED_AT: String(issuedAtSeconds) });

      // Act
      const result = verifyToken(token, { key, now: new Date((issuedAtSeconds + 3601) * 1000) });

      // Assess
      expect(!result.ok && result.error.reason).toBe('expired');
    });

    it('reports a Python token made with another key as wrong_key', () => {
      // Prepare
      const token = runPython(PY_ISSUE, { FERNET_KEY: generateKey(), ISSUED_AT: String(issuedAtSeconds) });

      // Act
      const result = verifyToken(token, { key, now: new Date((issuedAtSeconds + 10) * 1000) });

      // Assess
      expect(!result.ok && result.error.reason).toBe('wrong_key');
    });

    it('makes tokens Python decrypts to the same claims', () => {
      // Prepare
      const token = issueToken({ sub: 'bob', n: 3 }, { key, ttlSeconds: 600 });

      // Act
      const plaintext = runPython(PY_DECRYPT, { FERNET_KEY: secret, FERNET_TOKEN: token });

      // Assess
      expect(JSON.parse(plaintext)).toEqual({ exp: expect.any(Number), claims: { sub: 'bob', n: 3 } });
    });

    it('makes tokens Python refuses once a bit is flipped or under another key', () => {
      // Prepare
      const token = issueToken({ sub: 'bob' }, { key, ttlSeconds: 600 });

      // Act
      const flipped = runPython(PY_DECRYPT, { FERNET_KEY: secret, FERNET_TOKEN: flipBit(token, 300) });
      const otherKey = runPython(PY_DECRYPT, { FERNET_KEY: generateKey(), FERNET_TOKEN: token });

      // Assess
      expect([flipped, otherKey]).toEqual(['InvalidToken', 'InvalidToken']);
    });
  });
}
