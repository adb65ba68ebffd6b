// Bundles stream-trigger-fn for Lambda (nodejs24.x, arm64) into dist/index.mjs.
//
// Same options as apps/api-fn/scripts/build.mjs, measured in docs/bundles.md: ES modules with code splitting
// (lazily imported code stays in chunks a cold start does not parse), @aws-sdk bundled rather than taken from
// the runtime, minified, source maps beside the bundle but not enabled at run time, and no package.json in
// dist (so `sam build` only copies the folder).
//
// Usage: node scripts/build.mjs [--entry <file>] [--outdir <dir>]  (defaults: src/handler.ts, dist)
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

/** esbuild options of a Lambda bundle; api-fn's script has the same (kept in step by a test). */
function lambdaBundleOptions(entryFile, outDir) {
  return {
    entryPoints: { index: entryFile },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    mainFields: ['module', 'main'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    define: { __dirname: 'import.meta.dirname', __filename: 'import.meta.filename' },
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  };
}

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { entry: { type: 'string' }, outdir: { type: 'string' } },
});
const entry = resolve(values.entry ?? join(appDir, 'src/handler.ts'));
const outdir = resolve(values.outdir ?? join(appDir, 'dist'));

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
await build(lambdaBundleOptions(entry, outdir));
