// The local stand-in for API Gateway: an HTTP server that invokes api-fn with HTTP API v2 events.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InvokeResult } from '@footfall/local-lambda';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { toApiEvent } from './apiEvent';
import { errorResponse, type HttpResponse, toHttpResponse } from './apiResponse';
import { applyCors, corsPreflight } from './cors';
import { RouteTable } from './routeTable';
import type { CorsConfiguration, TemplateRoute } from './template';

/** API Gateway's payload limit for HTTP APIs; api-fn applies its own, much smaller one. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** What to serve and where. */
export interface LocalHttpApiOptions {
  /** The template's routes; requests matching none are answered 404 without invoking anything. */
  routes: readonly TemplateRoute[];
  /** Invokes the function a route names. */
  invoke: (functionLogicalId: string, event: APIGatewayProxyEventV2) => Promise<InvokeResult>;
  /** The API's CorsConfiguration: preflights are then answered here and never reach the function. */
  cors?: CorsConfiguration | undefined;
  host: string;
  /** 0 picks a free port. */
  port: number;
  maxBodyBytes?: number;
  /** Receives one access-log line per request. */
  accessLog?: (line: string) => void;
}

/** A listening local HTTP API. */
export interface LocalHttpApi {
  url: string;
  port: number;
  /** Stops accepting requests and closes open connections. */
  close(): Promise<void>;
}

function send(res: ServerResponse, response: HttpResponse, requestId: string): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) {
    const existing = headers[name];
    if (existing === undefined) headers[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    // Repeated headers other than Set-Cookie are combined, as a proxy would.
    else headers[name] = name === 'set-cookie' ? [existing, value] : `${existing},${value}`;
  }
  headers['apigw-requestid'] = requestId;
  res.writeHead(response.statusCode, headers);
  res.end(response.body);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      resolve('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/**
 * Starts the local HTTP API on `host:port`.
 * @example const api = await startLocalHttpApi({ routes, invoke: (id, e) => fns.get(id).invoke(e), host, port: 3000 });
 */
export async function startLocalHttpApi(options: LocalHttpApiOptions): Promise<LocalHttpApi> {
  const table = new RouteTable(options.routes);
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const receivedAt = Date.now();
    const requestId = randomUUID();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const rawPath = url.split('?')[0] ?? '/';
    const body = await readBody(req, limit);
    let response: HttpResponse;
    const preflight =
      options.cors === undefined ? undefined : corsPreflight(options.cors, method, req.headers);
    if (preflight !== undefined) {
      response = preflight;
    } else if (body === 'too-large') {
      res.setHeader('connection', 'close');
      response = errorResponse(413, 'payload_too_large', `request bodies are limited to ${limit} bytes`);
    } else {
      const match = table.match(method, rawPath);
      if (match === undefined) {
        response = errorResponse(404, 'not_found', `no route for ${method} ${rawPath}`);
      } else {
        const host = req.headers.host ?? `${options.host}:${options.port}`;
        const event = toApiEvent(
          {
            method,
            url,
            rawHeaders: req.rawHeaders,
            body,
            sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
            protocol: `HTTP/${req.httpVersion}`,
            requestId,
            receivedAt,
          },
          match,
          host,
        );
        response = toHttpResponse(await options.invoke(match.route.functionLogicalId, event));
      }
      if (options.cors !== undefined) response = applyCors(options.cors, req.headers.origin, response);
    }
    send(res, response, requestId);
    if (body === 'too-large') res.on('finish', () => req.destroy());
    options.accessLog?.(`${method} ${url} ${response.statusCode} ${Date.now() - receivedAt}ms`);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.accessLog?.(`${req.method} ${req.url} failed: ${String(error)}`);
      if (!res.headersSent) send(res, errorResponse(500, 'internal', 'local HTTP API failure'), 'local');
      else res.destroy();
    });
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
    url: `http://${options.host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
