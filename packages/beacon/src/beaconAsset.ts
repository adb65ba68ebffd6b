// Reads the built script for the API to serve: its text plus the manifest's hash and sizes, read once, lazily.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Result } from '@footfall/kernel';
import { BeaconBuildMissingError, type BeaconError, BeaconManifestError } from './errors';
import { type BeaconBuild, type BeaconManifest, decodeManifest, MANIFEST_FILE } from './manifest';

/** The script and what a server needs to serve it under both names. */
export interface BeaconAsset extends BeaconManifest {
  /** The minified script. */
  body: string;
}

/**
 * Where `pnpm --filter @footfall/beacon build` writes, found from this file when it runs as source (tests, the dev
 * server). A bundle has no such path (nor `__dirname` under ESM): bundlers copy dist/ and pass its new place.
 * @example loadBeaconAsset(beaconDistDir())
 */
export function beaconDistDir(): string {
  return typeof __dirname === 'string' ? resolve(__dirname, '..', 'dist') : resolve('dist');
}

/**
 * Reads and checks a build in `distDir` (the plain beacon, or the events build): the manifest must decode and
 * the script must hash to its name.
 * @example const asset = loadBeaconAsset('/srv/beacon'); if (asset.ok) serve(asset.value.body);
 */
export function loadBeaconAsset(
  distDir: string = beaconDistDir(),
  build: BeaconBuild = 'beacon',
): Result<BeaconAsset, BeaconError> {
  let manifestText: string;
  let body: string;
  try {
    manifestText = readFileSync(join(distDir, MANIFEST_FILE[build]), 'utf8');
    body = readFileSync(join(distDir, `${build}.js`), 'utf8');
  } catch (cause) {
    return { ok: false, error: new BeaconBuildMissingError(distDir, { cause }) };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(manifestText);
  } catch {
    return { ok: false, error: new BeaconManifestError('(root)', 'JSON') };
  }
  const manifest = decodeManifest(raw, build);
  if (!manifest.ok) return manifest;
  // A manifest from another build would hand out a hashed name whose cached bytes differ from these.
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  if (hash !== manifest.value.hash) {
    return { ok: false, error: new BeaconManifestError('hash', `${hash} (the hash of ${build}.js)`) };
  }
  return { ok: true, value: { ...manifest.value, body } };
}

const cache = new Map<string, BeaconAsset>();

/**
 * The built beacon, read on first use and kept; throws if the build is missing or inconsistent, which is a
 * deployment fault rather than bad input (use `loadBeaconAsset` for a result instead).
 * @example res.setHeader('ETag', `"${beaconAsset().hash}"`).end(beaconAsset().body)
 */
export function beaconAsset(distDir: string = beaconDistDir()): BeaconAsset {
  let asset = cache.get(distDir);
  if (!asset) {
    const loaded = loadBeaconAsset(distDir);
    if (!loaded.ok) throw loaded.error;
    asset = loaded.value;
    cache.set(distDir, asset);
  }
  return asset;
}
