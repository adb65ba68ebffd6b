// HTTP plumbing for API Gateway HTTP API (payload 2.0): JSON and error responses, CORS and request bodies.

import { MAX_BODY_BYTES } from '@footfall/core-model';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ApiError, badRequest } from './errors';

/** A response as API Gateway expects it; headers lower-cased. */
export type HttpResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
};

/** A result of reading part of a request. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A JSON response. @example json(200, { sites }) */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/** An empty response (202 for accepted beacons, 204 for preflights). */
export function empty(statusCode: number, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers: { 'cache-control': 'no-store', ...headers }, body: '' };
}

/** The size in bytes a response body has on the wire (base64 bodies are decoded by API Gateway). */
export function bodyLength(response: HttpResponse): number {
  const body = response.body ?? '';
  return Buffer.byteLength(body, response.isBase64Encoded ? 'base64' : 'utf8');
}

/**
 * The answer to HEAD: the GET answer's status and headers with no body; Content-Length still tells the
 * size a GET would send (RFC 9110 §9.3.2).
 */
export function withoutBody(response: HttpResponse): HttpResponse {
  const { isBase64Encoded: _dropped, ...rest } = response;
  return {
    ...rest,
    headers: { 'content-length': String(bodyLength(response)), ...response.headers },
    body: '',
  };
}

/** The `{"error":{"code","message"}}` response of an ApiError. */
export function errorResponse(error: ApiError): HttpResponse {
  return json(error.status, { error: { code: error.code, message: error.message } }, error.headers);
}

/** Request headers with lower-cased names (API Gateway already lower-cases them; tests may not). */
export function headersOf(event: APIGatewayProxyEventV2): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
  }
  return out;
}

/** Query parameters; API Gateway joins repeated names with commas, and the first wins here. */
export function queryOf(event: APIGatewayProxyEventV2): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

const ACCEPTED_TYPES = ['application/json', 'text/plain'];

/** Checks `Content-Type` is JSON or text/plain (what sendBeacon sends), with no charset other than UTF-8. */
function checkContentType(value: string | undefined): ApiError | undefined {
  const unsupported = new ApiError(
    415,
    'unsupported_media_type',
    'Send the body as application/json or text/plain (UTF-8).',
  );
  if (value === undefined) return unsupported;
  const [type = '', ...params] = value.split(';');
  if (!ACCEPTED_TYPES.includes(type.trim().toLowerCase())) return unsupported;
  for (const param of params) {
    const [name = '', raw = ''] = param.split('=');
    const charset = raw.trim().replace(/^"|"$/g, '').toLowerCase();
    if (name.trim().toLowerCase() === 'charset' && charset !== 'utf-8' && charset !== 'utf8')
      return unsupported;
  }
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Reads a JSON request body: content type (415), at most 8 KiB (413), valid UTF-8 (400 `invalid_encoding`)
 * and well-formed JSON (400 `malformed_json`).
 */
export function readJsonBody(
  event: APIGatewayProxyEventV2,
  headers: Record<string, string>,
): Parsed<unknown> {
  const typeError = checkContentType(headers['content-type']);
  if (typeError) return { ok: false, error: typeError };
  const declared = Number(headers['content-length']);
  const tooLarge = new ApiError(
    413,
    'payload_too_large',
    `The body must be at most ${MAX_BODY_BYTES} bytes.`,
  );
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return { ok: false, error: tooLarge };
  const raw = event.body ?? '';
  // A base64 string is 4/3 of its bytes: refuse oversized input before decoding it.
  if (raw.length > (event.isBase64Encoded ? Math.ceil((MAX_BODY_BYTES * 4) / 3) + 4 : MAX_BODY_BYTES * 4))
    return { ok: false, error: tooLarge };
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) return { ok: false, error: tooLarge };
  if (bytes.length === 0) return { ok: false, error: badRequest('malformed_json', 'The body is empty.') };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, error: badRequest('invalid_encoding', 'The body is not valid UTF-8.') };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: badRequest('malformed_json', 'The body is not well-formed JSON.') };
  }
}

/** The CORS headers for a response to `origin`, or none when the origin is not allowed. */
export function corsHeaders(
  origin: string | undefined,
  allowed: readonly string[] | '*',
): Record<string, string> {
  if (origin === undefined) return {};
  if (allowed === '*' || allowed.includes('*')) return { 'access-control-allow-origin': '*' };
  if (!allowed.includes(origin)) return { vary: 'Origin' };
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}
