// Builds the API Gateway HTTP API payload-2.0 event that Lambda would hand api-fn for one HTTP request.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteMatch } from './routeTable';

/** What the local server knows about one request. */
export interface IncomingRequest {
  method: string;
  /** Request target as sent: path and query, still percent-encoded. */
  url: string;
  /** Node's rawHeaders: name, value, name, value… in arrival order. */
  rawHeaders: readonly string[];
  body: Buffer;
  sourceIp: string;
  /** `HTTP/1.1` and the like. */
  protocol: string;
  requestId: string;
  /** Epoch ms when the request arrived. */
  receivedAt: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, the format of requestContext.time. */
export function apiGatewayTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
  );
}

/** Whether API Gateway passes a body of this content type as text rather than base64. */
export function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    /^application\/(json|xml|javascript|x-www-form-urlencoded|graphql|x-ndjson)$/.test(type) ||
    /\+(json|xml)$/.test(type)
  );
}

function decodeQueryPart(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

/** API Gateway joins repeated query parameters with commas, as it does repeated headers. */
function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const out: Record<string, string> = {};
  for (const pair of rawQueryString.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeQueryPart(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeQueryPart(pair.slice(eq + 1));
    out[name] = name in out ? `${out[name]},${value}` : value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Turns a request and its matched route into an HTTP API v2 event: lower-cased headers joined with commas,
 * cookies split out, query parameters decoded, body as text or base64 by content type.
 * @example const event = toApiEvent(request, routes.match(request.method, path), '127.0.0.1:3000');
 */
export function toApiEvent(
  request: IncomingRequest,
  match: RouteMatch,
  domainName: string,
): APIGatewayProxyEventV2 {
  const q = request.url.indexOf('?');
  const rawPath = q < 0 ? request.url : request.url.slice(0, q);
  const rawQueryString = q < 0 ? '' : request.url.slice(q + 1);

  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = (request.rawHeaders[i] ?? '').toLowerCase();
    const value = request.rawHeaders[i + 1] ?? '';
    // Payload 2.0 moves cookies into their own array and drops the header.
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter((c) => c !== ''),
      );
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  headers['x-forwarded-for'] ??= request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';

  const hasBody = request.body.length > 0;
  const asText = isTextContentType(headers['content-type']);
  const [domainPrefix = domainName] = domainName.split('.');
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: match.route.routeKey,
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName,
      domainPrefix,
      http: {
        method: request.method.toUpperCase(),
        path: rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: request.requestId,
      routeKey: match.route.routeKey,
      stage: '$default',
      time: apiGatewayTime(request.receivedAt),
      timeEpoch: request.receivedAt,
    },
    isBase64Encoded: hasBody && !asText,
  };
  if (cookies.length > 0) event.cookies = cookies;
  const query = queryParameters(rawQueryString);
  if (query !== undefined) event.queryStringParameters = query;
  if (match.pathParameters !== undefined) event.pathParameters = match.pathParameters;
  if (hasBody) event.body = asText ? request.body.toString('utf8') : request.body.toString('base64');
  return event;
}
