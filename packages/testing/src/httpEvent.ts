// API Gateway HTTP API (payload 2.0) events as API Gateway builds them, for driving api-fn without it.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** What a test request says; everything else of the event is filled in as API Gateway would. */
export interface HttpEventInput {
  method: string;
  /** The path, optionally with a query string (`/api/stats/breakdown?site=…`). */
  path: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string | undefined>;
  /** A string (sent as is, or base64 when `isBase64Encoded`), a Buffer (sent base64) or an object (JSON). */
  body?: string | Buffer | object;
  isBase64Encoded?: boolean;
}

/**
 * Builds an API Gateway HTTP API (payload 2.0) event the way API Gateway does: lower-cased headers,
 * `rawQueryString`, decoded `queryStringParameters` (repeated names joined by commas), request context.
 * @example await handler(httpEvent({ method: 'POST', path: '/api/event', body: { type: 'pageview', … } }))
 */
export function httpEvent(input: HttpEventInput): APIGatewayProxyEventV2 {
  const [rawPath = '/', inlineQuery = ''] = input.path.split('?', 2);
  const params = new URLSearchParams(inlineQuery);
  for (const [name, value] of Object.entries(input.query ?? {}))
    if (value !== undefined) params.append(name, value);
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of params) {
    const prior = queryStringParameters[name];
    queryStringParameters[name] = prior === undefined ? value : `${prior},${value}`;
  }
  const headers: Record<string, string> = {};
  let body: string | undefined;
  let isBase64Encoded = input.isBase64Encoded ?? false;
  if (Buffer.isBuffer(input.body)) {
    body = input.body.toString('base64');
    isBase64Encoded = true;
  } else if (typeof input.body === 'string') body = input.body;
  else if (input.body !== undefined) {
    body = JSON.stringify(input.body);
    headers['content-type'] = 'application/json';
  }
  for (const [name, value] of Object.entries(input.headers ?? {}))
    if (value !== undefined) headers[name.toLowerCase()] = value;
  if (body !== undefined && headers['content-length'] === undefined)
    headers['content-length'] = String(
      isBase64Encoded ? Buffer.from(body, 'base64').length : Buffer.byteLength(body),
    );
  headers.host ??= 'api.example.test';
  const method = input.method.toUpperCase();
  const rawQueryString = params.toString();
  const now = Date.now();
  const sourceIp = '198.51.100.7';
  const userAgent = headers['user-agent'] ?? '';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(Object.keys(queryStringParameters).length > 0 ? { queryStringParameters } : {}),
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'testapi',
      domainName: headers.host,
      domainPrefix: headers.host.split('.')[0] ?? headers.host,
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp, userAgent },
      requestId: `${randomUUID().slice(0, 8)}=`,
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded,
  };
}
