// The manifest decoder: accepts what the build writes, names the first wrong field otherwise.
import { decodeManifest } from '../../src';

const good = {
  file: 'beacon.js',
  hash: 'abcdef0123',
  hashedFile: 'beacon.abcdef0123.js',
  bytes: 1600,
  gzipBytes: 1000,
};

test('the shape the build writes decodes to the same values', () => {
  // Prepare / Act
  const decoded = decodeManifest(good);

  // Assess
  expect(decoded).toEqual({ ok: true, value: good });
});

test.each([
  ['(root)', null],
  ['(root)', 'beacon.js'],
  ['file', { ...good, file: 'other.js' }],
  ['hash', { ...good, hash: 'ABCDEF0123' }],
  ['hash', { ...good, hash: 'abc' }],
  ['hashedFile', { ...good, hashedFile: 'beacon.js' }],
  ['bytes', { ...good, bytes: -1 }],
  ['gzipBytes', { ...good, gzipBytes: 1.5 }],
])('a wrong %s is reported by name', (field, raw) => {
  // Prepare / Act
  const decoded = decodeManifest(raw);

  // Assess
  expect(decoded.ok).toBe(false);
  if (!decoded.ok) expect(decoded.error.field).toBe(field);
});
