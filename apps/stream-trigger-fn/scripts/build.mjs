// Bundles stream-trigger-fn for Lambda (nodejs24.x, arm64) into dist/index.js.
//
// Same choices as apps/api-fn/scripts/build.mjs, measured in docs/bundles.md: CommonJS output built from
// the SDK's ES module sources, @aws-sdk bundled (not the runtime's copy), minified, source maps beside the
// bundle but not enabled at run time, and no package.json in dist (so `sam build` only copies the folder).
//
// Usage: node scripts/build.mjs [--entry <file>] [--outdir <dir>]  (defaults: src/handler.ts, dist)
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { entry: { type: 'string' }, outdir: { type: 'string' } },
});
const entry = resolve(values.entry ?? join(appDir, 'src/handler.ts'));
const outdir = resolve(values.outdir ?? join(appDir, 'dist'));

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

await build({
  entryPoints: [entry],
  outfile: join(outdir, 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});
