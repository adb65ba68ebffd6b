// Bundles api-fn for Lambda (nodejs24.x, arm64) into dist/index.mjs and copies the static files it serves.
//
// Why these options, shared with stream-trigger-fn in packages/config/lambda-bundle.mjs (measurements and
// commands in docs/bundles.md):
// - ES modules with code splitting: the routes that import tokens and the SSM client lazily get their own
//   chunks, so a cold ingest request never reads or parses them. Measured on the real handler, this loads
//   faster than one CommonJS file (where lazy imports are inlined and parsed at load anyway).
// - @aws-sdk is bundled, not taken from the runtime: the runtime's unbundled copy loads markedly slower
//   (hundreds of small files), and bundling pins the version the tests ran against.
// - The banner gives bundled CommonJS dependencies a `require`; __dirname/__filename map to import.meta.
// - Source maps are written next to the bundle but not enabled at run time (--enable-source-maps costs
//   load time on every cold start); set NODE_OPTIONS=--enable-source-maps on the function to debug.
// - No package.json goes into dist: `sam build` would then run `npm pack`/`npm install` there instead of
//   only copying the folder; the .mjs extension alone makes Node and Lambda load it as an ES module.
//
// Usage: node scripts/build.mjs [--entry <file>] [--outdir <dir>] [--beacon <dir>] [--dashboard <dir>]
// (defaults: src/handler.ts, dist, packages/beacon/dist, packages/dashboard/dist; the flags exist for tests).
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { lambdaBundleOptions } from '@footfall/config/lambda-bundle.mjs';
import { build } from 'esbuild';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = resolve(appDir, '../..');
const { values } = parseArgs({
  options: {
    entry: { type: 'string' },
    outdir: { type: 'string' },
    beacon: { type: 'string' },
    dashboard: { type: 'string' },
  },
});
const entry = resolve(values.entry ?? join(appDir, 'src/handler.ts'));
const outdir = resolve(values.outdir ?? join(appDir, 'dist'));

// The beacon is what every tracked site loads: deploying without it would break them, so it is required.
const beaconDist = resolve(values.beacon ?? join(repoDir, 'packages/beacon/dist'));
if (!existsSync(join(beaconDist, 'beacon.js'))) {
  console.error(
    `api-fn build: ${beaconDist}/beacon.js is missing. Run \`pnpm build\` at the root (turbo builds @footfall/beacon first).`,
  );
  process.exit(1);
}
// A clean folder: old content-hashed beacon files must not linger in the deployment package.
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

await build(lambdaBundleOptions(entry, outdir));

cpSync(beaconDist, join(outdir, 'static/beacon'), { recursive: true });

const dashboardDist = resolve(values.dashboard ?? join(repoDir, 'packages/dashboard/dist'));
if (existsSync(dashboardDist)) {
  cpSync(dashboardDist, join(outdir, 'static/dashboard'), { recursive: true });
} else {
  console.warn(`api-fn build: WARNING ${dashboardDist} does not exist; /dashboard will answer 404.`);
}
