// Builds the beacon into a fresh temporary directory, so tests never race each other (or a dev build) on dist/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BeaconAsset, loadBeaconAsset } from '../../src';

const packageDir = join(__dirname, '..', '..');

/** Runs `scripts/build.mjs` into a new temp directory and returns that directory and both builds read from it. */
export function buildBeacon(): { dir: string; asset: BeaconAsset; events: BeaconAsset } {
  const dir = mkdtempSync(join(tmpdir(), 'footfall-beacon-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  execFileSync(process.execPath, [join(packageDir, 'scripts', 'build.mjs'), dir], { stdio: 'pipe' });
  const loaded = loadBeaconAsset(dir);
  if (!loaded.ok) throw loaded.error;
  const events = loadBeaconAsset(dir, 'events');
  if (!events.ok) throw events.error;
  return { dir, asset: loaded.value, events: events.value };
}
