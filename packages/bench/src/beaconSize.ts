// Size of the beacon script as a browser downloads it: minified, and gzip-compressed at level 9.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BeaconSize {
  minifiedBytes: number;
  gzipBytes: number;
  /** The events build (custom events, outbound links, downloads): SPEC §6 allows 1536 bytes gzipped. */
  events: { minifiedBytes: number; gzipBytes: number };
}

const sizeOf = (file: string) => {
  const code = readFileSync(file);
  return { minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
};

export function measureBeacon(repo: string): BeaconSize {
  return {
    ...sizeOf(join(repo, 'packages/beacon/dist/beacon.js')),
    events: sizeOf(join(repo, 'packages/beacon/dist/events.js')),
  };
}
