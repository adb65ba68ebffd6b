// Decodes dist/manifest.json, the build's record of the script's hash and sizes.

import type { Result } from '@footfall/kernel';
import { BeaconManifestError } from './errors';

/** The two builds of one source: the plain beacon (`beacon.js`), and with custom events (`events.js`). */
export type BeaconBuild = 'beacon' | 'events';

/** The manifest file of each build. */
export const MANIFEST_FILE: Record<BeaconBuild, string> = {
  beacon: 'manifest.json',
  events: 'events-manifest.json',
};

/** What `scripts/build.mjs` writes next to the script. */
export interface BeaconManifest {
  /** `beacon.js` (or `events.js`): the stable name, served with a short cache lifetime. */
  file: string;
  /** First 10 hex digits of the script's SHA-256. */
  hash: string;
  /** `beacon.<hash>.js`: the same bytes under a name that can be cached for a year. */
  hashedFile: string;
  /** Size of the minified script. */
  bytes: number;
  /** Size after gzip level 9 (the SPEC §6 budgets are 1024 plain, 1536 with events). */
  gzipBytes: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isSize = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/**
 * Checks parsed JSON against the manifest's shape, naming the first field that is wrong.
 * @example decodeManifest(JSON.parse(text))
 */
export function decodeManifest(
  raw: unknown,
  build: BeaconBuild = 'beacon',
): Result<BeaconManifest, BeaconManifestError> {
  if (!isRecord(raw)) return { ok: false, error: new BeaconManifestError('(root)', 'an object') };
  const { file, hash, hashedFile, bytes, gzipBytes } = raw;
  if (file !== `${build}.js`) return { ok: false, error: new BeaconManifestError('file', `"${build}.js"`) };
  if (typeof hash !== 'string' || !/^[0-9a-f]{10}$/.test(hash)) {
    return { ok: false, error: new BeaconManifestError('hash', '10 lowercase hex digits') };
  }
  if (hashedFile !== `${build}.${hash}.js`) {
    return { ok: false, error: new BeaconManifestError('hashedFile', `"${build}.${hash}.js"`) };
  }
  if (!isSize(bytes)) return { ok: false, error: new BeaconManifestError('bytes', 'a non-negative integer') };
  if (!isSize(gzipBytes)) {
    return { ok: false, error: new BeaconManifestError('gzipBytes', 'a non-negative integer') };
  }
  return { ok: true, value: { file, hash, hashedFile, bytes, gzipBytes } };
}
