// Static routes: the beacon script (plain and content-hashed) and the dashboard app with its assets.
import { extname } from 'node:path';
import type { RequestContext, RouteHandler } from '../context';
import { notFound } from '../errors';
import type { HttpResponse } from '../http';
import type { StaticArea } from '../staticFiles';

const TEXT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const BINARY_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/** One hour: the plain beacon URL must pick up a new release within the day. */
export const BEACON_CACHE = 'public, max-age=3600';
/** A content-hashed file never changes under its name. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/** `beacon.<hash>.js`, the content-hashed alias of the beacon. */
const HASHED_BEACON = /^beacon\.[A-Za-z0-9_-]{6,64}\.js$/;
/** The events build (custom events, outbound links, downloads) and its content-hashed alias. */
const EVENTS_BUILD = 'events.js';
const HASHED_EVENTS = /^events\.[0-9a-f]{10}\.js$/;
/** A bundler's content hash in a file name (`app-5FQ2ZK3L.js`, `chunk.a1b2c3d4.css`). */
const HASHED_NAME = /[.-][A-Za-z0-9_]{8,}\.[a-z0-9]+$/;

function fileResponse(name: string, content: Buffer, cacheControl: string): HttpResponse {
  const ext = extname(name).toLowerCase();
  const text = TEXT_TYPES[ext];
  // Stated here so GET and HEAD carry the same Content-Length.
  const length = String(content.length);
  if (text)
    return {
      statusCode: 200,
      headers: { 'content-type': text, 'content-length': length, 'cache-control': cacheControl },
      body: content.toString('utf8'),
    };
  return {
    statusCode: 200,
    headers: {
      'content-type': BINARY_TYPES[ext] ?? 'application/octet-stream',
      'content-length': length,
      'cache-control': cacheControl,
    },
    body: content.toString('base64'),
    isBase64Encoded: true,
  };
}

async function serve(
  ctx: RequestContext,
  area: StaticArea,
  file: string,
  cacheControl: string,
): Promise<HttpResponse> {
  const content = await ctx.staticFiles.read(area, file);
  if (!content) throw notFound(`No such file: ${area}/${file.slice(0, 100)}`);
  return fileResponse(file, content, cacheControl);
}

/** `GET /beacon.js` (and HEAD, answered by the router from the GET answer). */
export const beaconRoute: RouteHandler = (ctx) => serve(ctx, 'beacon', 'beacon.js', BEACON_CACHE);

/**
 * `GET /beacon/{file}`: the content-hashed beacon and events build, cached for a year, and `events.js`, the
 * events build under its stable name (cached like /beacon.js).
 */
export const beaconFileRoute: RouteHandler = async (ctx) => {
  const file = ctx.params.file ?? '';
  if (file === EVENTS_BUILD) return serve(ctx, 'beacon', file, BEACON_CACHE);
  if (!HASHED_BEACON.test(file) && !HASHED_EVENTS.test(file)) throw notFound();
  return serve(ctx, 'beacon', file, IMMUTABLE_CACHE);
};

/**
 * `GET /dashboard` and `/dashboard/{file+}`: index.html is always revalidated, hashed assets are cached for
 * a year, and an unknown path without an extension is the app's own route, answered with index.html.
 */
export const dashboardRoute: RouteHandler = async (ctx) => {
  const file = ctx.params.file ?? '';
  if (file === '' || file === 'index.html') return serve(ctx, 'dashboard', 'index.html', 'no-cache');
  const content = await ctx.staticFiles.read('dashboard', file);
  if (content) {
    const name = file.split('/').pop() ?? file;
    return fileResponse(name, content, HASHED_NAME.test(name) ? IMMUTABLE_CACHE : 'no-cache');
  }
  if (extname(file) === '' && !file.split('/').some((s) => s.startsWith('.') || s === ''))
    return serve(ctx, 'dashboard', 'index.html', 'no-cache');
  throw notFound(`No such file: dashboard/${file.slice(0, 100)}`);
};
