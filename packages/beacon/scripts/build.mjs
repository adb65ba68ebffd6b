// Builds the beacon: dist/beacon.js (minified), dist/beacon.<hash>.js (long-lived cache alias) and dist/manifest.json;
// and from the same source the events build: dist/events.js, dist/events.<hash>.js and dist/events-manifest.json.
// Usage: node scripts/build.mjs [outDir]   (default: the package's dist/)
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? join(packageDir, 'dist'));

/** Minifies src/beacon.ts with EVENTS set: false for the plain beacon, true for the events build. */
async function bundle(events) {
  const result = await build({
    entryPoints: [join(packageDir, 'src/beacon.ts')],
    bundle: true,
    // The source is one arrow function called at once, so the ESM output is already an IIFE; esbuild's 'iife'
    // format would wrap it in a second one for nothing. The check below keeps it that way.
    format: 'esm',
    target: 'es2017',
    minify: true,
    legalComments: 'none',
    write: false,
    // The events code is one `if (EVENTS)` branch: a constant false drops it whole from the plain beacon.
    define: { EVENTS: String(events) },
    // Sloppy mode on purpose: no "use strict" prologue, and assigning a frozen history.pushState fails silently.
    tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
  });
  const body = result.outputFiles[0]?.text.trim() ?? '';
  if (!/^\(\(.*\}\)\([a-z,]+\);$/s.test(body)) {
    throw new Error('beacon build: the output is not a single IIFE, so it would leak names into the page');
  }
  return body;
}

/** The manifest of one build: its stable name, content-hashed name and sizes. */
function manifestOf(name, body) {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return {
    file: `${name}.js`,
    hash,
    hashedFile: `${name}.${hash}.js`,
    bytes: Buffer.byteLength(body),
    gzipBytes: gzipSync(body, { level: 9 }).length,
  };
}

const body = await bundle(false);
const manifest = manifestOf('beacon', body);
const eventsBody = await bundle(true);
const eventsManifest = manifestOf('events', eventsBody);

mkdirSync(outDir, { recursive: true });
// Older hashed copies would otherwise pile up next to the current one.
for (const name of readdirSync(outDir)) {
  if (/^(beacon|events)\.[0-9a-f]{10}\.js$/.test(name)) rmSync(join(outDir, name));
}
writeFileSync(join(outDir, manifest.file), body);
writeFileSync(join(outDir, manifest.hashedFile), body);
writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(join(outDir, eventsManifest.file), eventsBody);
writeFileSync(join(outDir, eventsManifest.hashedFile), eventsBody);
writeFileSync(join(outDir, 'events-manifest.json'), `${JSON.stringify(eventsManifest, null, 2)}\n`);
console.log(
  `beacon: ${manifest.bytes} bytes, ${manifest.gzipBytes} gzip -> ${join(outDir, manifest.hashedFile)}`,
);
console.log(
  `events: ${eventsManifest.bytes} bytes, ${eventsManifest.gzipBytes} gzip -> ${join(outDir, eventsManifest.hashedFile)}`,
);
