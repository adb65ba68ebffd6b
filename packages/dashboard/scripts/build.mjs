// Bundles the dashboard for the browser into dist/: app.<hash>.js and app.<hash>.css (uPlot's CSS included),
// index.html pointing at them under /dashboard/, and manifest.json with each file's raw and gzip size.
//
// Why: api-fn serves /dashboard → index.html (revalidated) and /dashboard/<file> (hashed names cached for a
// year), so index.html uses absolute /dashboard/ URLs: they work at /dashboard and /dashboard/ alike.
//
// Usage: node scripts/build.mjs [--outdir <dir>] [--base <url path>]   (defaults: dist, /dashboard/)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outdir: { type: 'string' }, base: { type: 'string' } } });
const outdir = resolve(values.outdir ?? join(pkgDir, 'dist'));
const base = values.base ?? '/dashboard/';

// A clean folder: stale hashed files must not be copied into api-fn's bundle.
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const result = await build({
  absWorkingDir: pkgDir,
  entryPoints: { app: 'src/main.ts' },
  outdir,
  entryNames: '[name].[hash]',
  assetNames: '[name].[hash]',
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file));
const js = outputs.find((f) => /^app\.[A-Z0-9]+\.js$/i.test(f));
const css = outputs.find((f) => /^app\.[A-Z0-9]+\.css$/i.test(f));
if (!js || !css) {
  console.error(`dashboard build: expected app.<hash>.js and app.<hash>.css, got ${outputs.join(', ')}`);
  process.exit(1);
}

const html = readFileSync(join(pkgDir, 'src/index.html'), 'utf8')
  .replaceAll('%BASE%', base)
  .replace('%APP_JS%', js)
  .replace('%APP_CSS%', css);
writeFileSync(join(outdir, 'index.html'), html);

const files = ['index.html', js, css].map((name) => {
  const content = readFileSync(join(outdir, name));
  return { name, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
});
const total = files.reduce((t, f) => ({ bytes: t.bytes + f.bytes, gzipBytes: t.gzipBytes + f.gzipBytes }), {
  bytes: 0,
  gzipBytes: 0,
});
writeFileSync(
  join(outdir, 'manifest.json'),
  `${JSON.stringify({ entry: { html: 'index.html', js, css }, base, files, total }, null, 2)}\n`,
);
for (const f of files)
  console.log(`${f.name.padEnd(24)} ${String(f.bytes).padStart(7)} B  gzip ${f.gzipBytes} B`);
