// Reading the build for the API: a good build loads, a missing or inconsistent one is a clear error.
import { join } from 'node:path';
import { BeaconBuildMissingError, BeaconManifestError, beaconAsset, loadBeaconAsset } from '../../src';
import { buildBeacon } from '../helpers/buildBeacon';

const fixture = (name: string) => join(__dirname, '..', 'fixtures', name);

test('a fresh build loads with its body, hash and sizes', () => {
  // Prepare
  const { dir } = buildBeacon();

  // Act
  const loaded = loadBeaconAsset(dir);

  // Assess
  expect(loaded.ok).toBe(true);
  if (loaded.ok) {
    expect(loaded.value.file).toBe('beacon.js');
    expect(loaded.value.hashedFile).toBe(`beacon.${loaded.value.hash}.js`);
    expect(loaded.value.body.length).toBe(loaded.value.bytes);
  }
});

test('beaconAsset reads a build once and hands out the same asset afterwards', () => {
  // Prepare
  const { dir } = buildBeacon();

  // Act
  const first = beaconAsset(dir);
  const second = beaconAsset(dir);

  // Assess
  expect(second).toBe(first);
});

test('a directory without a build is reported as a missing build', () => {
  // Prepare / Act
  const loaded = loadBeaconAsset(fixture('does-not-exist'));

  // Assess
  expect(loaded.ok).toBe(false);
  if (!loaded.ok) {
    expect(loaded.error).toBeInstanceOf(BeaconBuildMissingError);
    expect(loaded.error.message).toContain('pnpm --filter @footfall/beacon build');
  }
  expect(() => beaconAsset(fixture('does-not-exist'))).toThrow(BeaconBuildMissingError);
});

test.each([
  ['stale-build', 'hash'],
  ['malformed-manifest', '(root)'],
  ['wrong-shape', 'bytes'],
])('a manifest that does not match its script (%s) names the field %s', (name, field) => {
  // Prepare / Act
  const loaded = loadBeaconAsset(fixture(name));

  // Assess
  expect(loaded.ok).toBe(false);
  if (!loaded.ok) {
    expect(loaded.error).toBeInstanceOf(BeaconManifestError);
    expect((loaded.error as BeaconManifestError).field).toBe(field);
  }
});
