// Turns api-fn's result into the HTTP response API Gateway would send (payload format 2.0 rules).
import type { InvokeResult } from '@footfall/local-lambda';

/** A response ready to write: status, header lines (a name may repeat) and body bytes. */
export interface HttpResponse {
  statusCode: number;
  headers: [string, string][];
  body: Buffer;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The JSON error body the local API answers with when no function result applies. */
export function errorResponse(statusCode: number, code: string, message: string): HttpResponse {
  return {
    statusCode,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(JSON.stringify({ error: { code, message } })),
  };
}

/** API Gateway's answer when the function failed or returned something it cannot use. */
const internalError = (): HttpResponse => ({
  statusCode: 500,
  headers: [['content-type', 'application/json']],
  body: Buffer.from(JSON.stringify({ message: 'Internal Server Error' })),
});

function headerValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Maps a function result to a response: a `statusCode` object is used as is (headers, multiValueHeaders,
 * cookies → Set-Cookie, base64 bodies decoded); anything else is sent as a 200 JSON body; errors become 500.
 * @example const response = toHttpResponse(await apiFn.invoke(event));
 */
export function toHttpResponse(result: InvokeResult): HttpResponse {
  if (!result.ok) return internalError();
  const value = result.value;
  // Payload 2.0: a result without statusCode is taken as the JSON body of a 200.
  if (!isObject(value) || value.statusCode === undefined) {
    return {
      statusCode: 200,
      headers: [['content-type', 'application/json']],
      body: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    };
  }
  const status = value.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
    return internalError();

  const headers: [string, string][] = [];
  const single = isObject(value.headers) ? value.headers : {};
  const multi = isObject(value.multiValueHeaders) ? value.multiValueHeaders : {};
  for (const [name, raw] of Object.entries(single)) {
    const v = headerValue(raw);
    if (v !== undefined) headers.push([name.toLowerCase(), v]);
  }
  for (const [name, raw] of Object.entries(multi)) {
    if (!Array.isArray(raw)) continue;
    for (const item of raw) {
      const v = headerValue(item);
      if (v !== undefined) headers.push([name.toLowerCase(), v]);
    }
  }
  if (Array.isArray(value.cookies)) {
    for (const cookie of value.cookies) if (typeof cookie === 'string') headers.push(['set-cookie', cookie]);
  }

  let body = Buffer.alloc(0);
  if (typeof value.body === 'string') {
    body =
      value.isBase64Encoded === true ? Buffer.from(value.body, 'base64') : Buffer.from(value.body, 'utf8');
  } else if (value.body !== undefined && value.body !== null) {
    return internalError();
  }
  return { statusCode: status, headers, body };
}
