// Bundles stream-trigger-fn for Lambda (nodejs24.x, arm64) into dist/index.mjs.
//
// The options shared with api-fn (packages/config/lambda-bundle.mjs), measured in docs/bundles.md: ES modules with code splitting
// (lazily imported code stays in chunks a cold start does not parse), @aws-sdk bundled rather than taken from
// the runtime, minified, source maps beside the bundle but not enabled at run time, and no package.json in
// dist (so `sam build` only copies the folder).
//
// Usage: node scripts/build.mjs [--entry <file>] [--outdir <dir>]  (defaults: src/handler.ts, dist)
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { lambdaBundleOptions } from '@footfall/config/lambda-bundle.mjs';
import { build } from 'esbuild';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { entry: { type: 'string' }, outdir: { type: 'string' } },
});
const entry = resolve(values.entry ?? join(appDir, 'src/handler.ts'));
const outdir = resolve(values.outdir ?? join(appDir, 'dist'));

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
await build(lambdaBundleOptions(entry, outdir));
