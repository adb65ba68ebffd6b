// A tiny site on 127.0.0.1 for browser tests: serves pages that embed the beacon and records what it POSTs.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST /api/event as the server saw it. */
export interface CapturedEvent {
  contentType: string;
  /** The parsed JSON body (or the raw text if it was not JSON, which would make the test fail loudly). */
  body: Record<string, unknown>;
  /** The page that sent it, from the Origin header (sendBeacon and fetch both send one on POST). */
  origin: string;
}

/** How one test page embeds the beacon. */
export interface PageOptions {
  /** data-* attributes of the script tag; `null` leaves one out (defaults: data-api is this site, data-ignore=""). */
  attrs?: Record<string, string | null>;
  /** HTML placed in <head> before the beacon's tag. */
  before?: string;
  /** HTML placed in <head> after the beacon's tag. */
  after?: string;
  /** HTML of <body>. */
  body?: string;
  /** Embed the script tag twice, as a careless CMS template might. */
  twice?: boolean;
}

export interface TestSite {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Every POST /api/event so far, in arrival order. */
  events: CapturedEvent[];
  /** Method and path of every request so far (to spot CORS preflights). */
  requests: string[];
  /** Serves `html` at `path` (any query string); other paths get the default page. */
  serve(path: string, html: string): void;
  /** Builds a page embedding the beacon from this site. */
  page(options?: PageOptions): string;
  /** Resolves with the matching events once at least `count` have arrived; rejects after `timeoutMs`. */
  waitFor(match: (e: CapturedEvent) => boolean, count?: number, timeoutMs?: number): Promise<CapturedEvent[]>;
  close(): Promise<void>;
}

const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** Starts a site serving `script` at /beacon.js and any other GET path as a page; it records POST /api/event. */
export async function startTestSite(script: string): Promise<TestSite> {
  const pages = new Map<string, string>();
  const events: CapturedEvent[] = [];
  const requests: string[] = [];
  let origin = '';

  const page = (options: PageOptions = {}): string => {
    const attrs = { 'data-api': origin, 'data-ignore': '', ...options.attrs };
    const tag = `<script defer src="${origin}/beacon.js"${Object.entries(attrs)
      .map(([k, v]) => (v === null ? '' : ` ${k}="${escapeAttr(v)}"`))
      .join('')}></script>`;
    return [
      '<!doctype html><html><head><meta charset="utf-8"><title>test page</title>',
      options.before ?? '',
      tag,
      options.twice ? tag : '',
      options.after ?? '',
      `</head><body>${options.body ?? '<p>Hello</p><a id="next" href="/next">next</a>'}</body></html>`,
    ].join('');
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}`);
    if (req.method === 'POST' && url.pathname === '/api/event') {
      void readBody(req).then((text) => {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          body = { unparsable: text };
        }
        events.push({
          contentType: req.headers['content-type'] ?? '',
          body,
          origin: req.headers.origin ?? '',
        });
        res.writeHead(202).end();
      });
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    if (url.pathname === '/beacon.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages.get(url.pathname) ?? page());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const waitFor: TestSite['waitFor'] = async (match, count = 1, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = events.filter(match);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `expected ${count} matching event(s), got ${found.length}; all events: ${JSON.stringify(events.map((e) => e.body))}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  return {
    origin,
    events,
    requests,
    serve: (path, html) => pages.set(path, html),
    page,
    waitFor,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Matches events of one type whose path starts with `prefix` (each test uses its own prefix). */
export const under =
  (prefix: string, type?: 'pageview' | 'engagement' | 'event') =>
  (e: CapturedEvent): boolean =>
    String(e.body.path).startsWith(prefix) && (type === undefined || e.body.type === type);
