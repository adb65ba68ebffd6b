// Serves the demo site: a few linked pages and a pushState app, each embedding the beacon from the local API.
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** Where the demo site listens and where its pages load the beacon from. */
export interface DemoSiteOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Origin of the local API, read per request (the API starts after the demo site). */
  apiUrl: () => string;
  /** Folder with the page templates (the package's demo/ by default). */
  dir?: string;
}

/** A listening demo site. */
export interface DemoSite {
  /** http://localhost:<port>/ — `localhost`, the site name the API accepts. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Request path → template file; every /app/* path is the single-page app, which routes on the client. */
function pageFor(path: string): string | undefined {
  if (path === '/' || path === '/index.html') return 'index.html';
  if (path === '/about.html') return 'about.html';
  if (path === '/blog/hello-world.html') return 'blog/hello-world.html';
  if (path === '/pricing.html') return 'pricing.html';
  if (path === '/app' || path.startsWith('/app/')) return 'app.html';
  return undefined;
}

/** The snippet a site owner would paste; `data-ignore=""` makes the beacon count localhost, which it skips by default. */
export function beaconSnippet(apiUrl: string): string {
  return `<script defer src="${apiUrl}/beacon.js" data-site="localhost" data-api="${apiUrl}" data-ignore=""></script>`;
}

/**
 * The snippet of the events build (custom events, outbound links, downloads), with the stub that queues
 * `footfall()` calls made before the script loads.
 */
export function eventsBeaconSnippet(apiUrl: string): string {
  return (
    '<script>window.footfall=window.footfall||function(){(footfall.q=footfall.q||[]).push(arguments)}</script>' +
    `<script defer src="${apiUrl}/beacon/events.js" data-site="localhost" data-api="${apiUrl}" data-ignore="" data-outbound data-downloads></script>`
  );
}

/** A one-page PDF, for the demo's download link. */
const PRICE_LIST_PDF =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  // no-store: a reload or back navigation loads the page again, as it would on most real sites with a CMS.
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * Starts the demo site.
 * @example const demo = await startDemoSite({ host: '127.0.0.1', port: 3001, apiUrl: () => api.url });
 */
export async function startDemoSite(options: DemoSiteOptions): Promise<DemoSite> {
  const dir = options.dir ?? join(__dirname, '..', 'demo');
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const respond = async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, 405, 'text/plain', 'method not allowed');
      if (path === '/style.css') return send(res, 200, 'text/css', await readFile(join(dir, 'style.css')));
      if (path === '/demo.js') return send(res, 200, 'text/javascript', await readFile(join(dir, 'demo.js')));
      if (path === '/files/price-list.pdf') {
        // An attachment: the browser saves it and the page stays, as with most download links.
        res.writeHead(200, {
          'content-type': 'application/pdf',
          'content-disposition': 'attachment; filename="price-list.pdf"',
          'cache-control': 'no-store',
        });
        return void res.end(PRICE_LIST_PDF);
      }
      const page = pageFor(path);
      if (page === undefined) return send(res, 404, 'text/plain', 'not found');
      const api = options.apiUrl();
      const html = (await readFile(join(dir, page), 'utf8'))
        .replaceAll('{{BEACON}}', beaconSnippet(api))
        .replaceAll('{{EVENTS_BEACON}}', eventsBeaconSnippet(api))
        .replaceAll('{{API}}', api);
      send(res, 200, 'text/html; charset=utf-8', html);
    };
    respond().catch((error: unknown) => send(res, 500, 'text/plain', String(error)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
