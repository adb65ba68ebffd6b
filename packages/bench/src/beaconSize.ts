// Size of the beacon script as a browser downloads it: minified, and gzip-compressed at level 9.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BeaconSize {
  minifiedBytes: number;
  gzipBytes: number;
}

export function measureBeacon(repo: string): BeaconSize {
  const code = readFileSync(join(repo, 'packages/beacon/dist/beacon.js'));
  return { minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}
