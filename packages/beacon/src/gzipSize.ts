// Measures a text the way SPEC §6 budgets the beacon: bytes after gzip at the highest level.
import { gzipSync } from 'node:zlib';

/**
 * Bytes of `text` after gzip level 9.
 * @example gzipSize(beaconAsset().body) // 1011
 */
export function gzipSize(text: string | Uint8Array): number {
  return gzipSync(text, { level: 9 }).length;
}
