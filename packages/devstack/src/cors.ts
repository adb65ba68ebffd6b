// API Gateway's CORS handling for an HTTP API with a CorsConfiguration: preflights answered, headers added.
import type { HttpResponse } from './apiResponse';
import type { CorsConfiguration } from './template';

function allowedOrigin(cors: CorsConfiguration, origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  if (cors.allowOrigins.includes('*')) return cors.allowCredentials ? origin : '*';
  const lower = origin.toLowerCase();
  return cors.allowOrigins.some((o) => o.toLowerCase() === lower) ? origin : undefined;
}

/**
 * API Gateway answers a preflight (OPTIONS with Origin and Access-Control-Request-Method) itself, whatever the
 * routes; the CORS headers appear only when the origin is allowed.
 * @example const preflight = corsPreflight(cors, req.method, headers); if (preflight) return preflight;
 */
export function corsPreflight(
  cors: CorsConfiguration,
  method: string,
  headers: Record<string, string | string[] | undefined>,
): HttpResponse | undefined {
  const origin = headers.origin;
  const requested = headers['access-control-request-method'];
  if (method.toUpperCase() !== 'OPTIONS' || typeof origin !== 'string' || requested === undefined)
    return undefined;
  const response: HttpResponse = { statusCode: 204, headers: [], body: Buffer.alloc(0) };
  const allowed = allowedOrigin(cors, origin);
  if (allowed === undefined) return response;
  response.headers.push(['access-control-allow-origin', allowed]);
  if (cors.allowMethods.length > 0)
    response.headers.push(['access-control-allow-methods', cors.allowMethods.join(',')]);
  if (cors.allowHeaders.length > 0)
    response.headers.push(['access-control-allow-headers', cors.allowHeaders.join(',')]);
  if (cors.maxAge !== undefined) response.headers.push(['access-control-max-age', String(cors.maxAge)]);
  if (cors.allowCredentials) response.headers.push(['access-control-allow-credentials', 'true']);
  return response;
}

/** Replaces the function's CORS headers with the configured ones, as API Gateway does once CORS is configured. */
export function applyCors(
  cors: CorsConfiguration,
  origin: string | undefined,
  response: HttpResponse,
): HttpResponse {
  const headers = response.headers.filter(([name]) => !name.startsWith('access-control-'));
  const allowed = allowedOrigin(cors, origin);
  if (allowed !== undefined) {
    headers.push(['access-control-allow-origin', allowed]);
    if (cors.exposeHeaders.length > 0)
      headers.push(['access-control-expose-headers', cors.exposeHeaders.join(',')]);
    if (cors.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
  }
  return { ...response, headers };
}
