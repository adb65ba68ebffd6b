// Builds the dashboard with the real build script into a temporary folder, so tests never race on dist/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** What the build wrote. */
export interface BuiltDashboard {
  dir: string;
  manifest: {
    entry: { html: string; js: string; css: string };
    base: string;
    files: { name: string; bytes: number; gzipBytes: number }[];
    total: { bytes: number; gzipBytes: number };
  };
}

/** Runs `scripts/build.mjs --outdir <tmp>` and reads its manifest. */
export function buildDashboard(): BuiltDashboard {
  const dir = mkdtempSync(join(tmpdir(), 'footfall-dashboard-'));
  const pkgDir = resolve(__dirname, '../..');
  execFileSync(process.execPath, [join(pkgDir, 'scripts/build.mjs'), '--outdir', dir], {
    cwd: pkgDir,
    stdio: 'pipe',
    timeout: 60_000,
  });
  return { dir, manifest: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) };
}
