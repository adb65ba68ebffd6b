// Builds the Lambda apps with their own build scripts into a temporary folder and invokes the bundles.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './repo';

/** The outcome of running an app's scripts/build.mjs. */
export interface BuiltApp {
  outdir: string;
  stderr: string;
}

/** Runs `node apps/<app>/scripts/build.mjs --outdir <tmp> …extraArgs` and returns where the bundle went. */
export function buildApp(app: string, extraArgs: string[] = []): BuiltApp {
  const outdir = mkdtempSync(join(tmpdir(), `footfall-${app}-`));
  const run = spawnSync(
    'node',
    [join(repoRoot, 'apps', app, 'scripts/build.mjs'), '--outdir', outdir, ...extraArgs],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (run.status !== 0) throw new Error(`build of ${app} failed (${run.status}): ${run.stderr}`);
  return { outdir, stderr: run.stderr };
}

/** Invokes a bundle's handler in a fresh Node process (as Lambda's runtime would import it) and returns its result. */
export function invokeBundle(bundle: string, event: unknown, env: Record<string, string>): unknown {
  const scratch = mkdtempSync(join(tmpdir(), 'footfall-invoke-'));
  const resultFile = join(scratch, 'result.json');
  try {
    execFileSync('node', [join(__dirname, 'invokeBundle.mjs'), bundle, resultFile], {
      input: JSON.stringify(event),
      env: { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
      stdio: ['pipe', 'ignore', 'pipe'],
      timeout: 60_000,
    });
    return JSON.parse(readFileSync(resultFile, 'utf8'));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
