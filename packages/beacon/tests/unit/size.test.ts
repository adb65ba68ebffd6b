// The build and the SPEC §6 budgets: the script a site owner embeds stays within 1024 bytes after gzip, and the
// build with custom events, outbound links and downloads within 1536.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSize } from '../../src';
import { buildBeacon } from '../helpers/buildBeacon';

const built = buildBeacon();

test('the minified script is at most 1024 bytes after gzip', () => {
  // Prepare / Act
  const { asset } = built;

  // Assess
  expect(gzipSize(asset.body)).toBe(asset.gzipBytes);
  expect(asset.gzipBytes).toBeLessThanOrEqual(1024);
});

test('the hashed copy holds the same bytes under the first 10 hex digits of their SHA-256', () => {
  // Prepare
  const { dir, asset } = built;

  // Act
  const hashed = readFileSync(join(dir, asset.hashedFile), 'utf8');

  // Assess
  expect(hashed).toBe(asset.body);
  expect(asset.hash).toBe(createHash('sha256').update(asset.body).digest('hex').slice(0, 10));
  expect(asset.bytes).toBe(Buffer.byteLength(asset.body));
});

test('the script is one self-contained expression that leaves no names in the page', () => {
  // Prepare / Act
  const { body } = built.asset;

  // Assess
  expect(body).toMatch(/^\(\(/);
  expect(body).toMatch(/\)\(window,document,navigator,location\);$/);
  expect(body).not.toMatch(/\b(localStorage|sessionStorage|document\.cookie|indexedDB)\b/);
});

test('the events build is at most 1536 bytes after gzip, and the plain beacon holds none of its code', () => {
  // Prepare / Act
  const { asset, events } = built;

  // Assess
  expect(gzipSize(events.body)).toBe(events.gzipBytes);
  expect(events.gzipBytes).toBeLessThanOrEqual(1536);
  expect(events.body).toMatch(/^\(\(/);
  expect(events.body).toMatch(/Outbound Link: Click/);
  expect(asset.body).not.toMatch(/Outbound|footfall\(|"event"|File Download/);
});
