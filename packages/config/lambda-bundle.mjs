// The esbuild options of every Lambda bundle, shared by both apps' build scripts and the benchmark's
// reference bundle, so the load-time ratio of SPEC §6 always compares like with like.
//
// Why (measurements in docs/bundles.md): ES modules with code splitting, so lazily imported code (tokens, the
// SSM client, the SDK's own credential providers) stays in chunks a cold start does not parse; @aws-sdk
// bundled rather than the runtime's slower unbundled copy; a createRequire banner for bundled CommonJS
// dependencies; source maps beside the bundle but not enabled at run time.

/**
 * esbuild options that bundle `entryFile` into `outDir/index.mjs` (+ `outDir/chunks/`) for nodejs24.x.
 * @param {string} entryFile
 * @param {string} outDir
 * @returns {import('esbuild').BuildOptions}
 */
export function lambdaBundleOptions(entryFile, outDir) {
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
