// Test support for driving api-fn without API Gateway: HTTP API v2 events, a Lambda context, signed-in users.
import { randomUUID } from 'node:crypto';
import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { encodeUser, normaliseUsername } from '@footfall/core-model';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

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

/** A Lambda context with a fresh request id and generous remaining time. */
export function fakeContext(overrides: Partial<Context> = {}): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'footfall-api',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:footfall-api',
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/footfall-api',
    logStreamName: '2026/01/01/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...overrides,
  };
}

/** A dashboard user stored for a test, as far as its session tokens need to know it. */
export interface TestUser {
  username: string;
  createdAt: number;
  sessionEpoch: number;
}

/**
 * Stores a dashboard user (whose password matches nothing) so that tokens from `testSessionToken` pass the
 * session check of the reporting routes, as a user created with `footfall user add` would.
 * @example const user = await createTestUser(client, tableName); const token = await testSessionToken(user, key);
 */
export async function createTestUser(
  dynamodb: DynamoDBClient,
  tableName: string,
  username = 'admin',
  createdAt = Date.now(),
): Promise<TestUser> {
  const user = { username: normaliseUsername(username), createdAt, sessionEpoch: 0 };
  await dynamodb.send(
    new PutItemCommand({
      TableName: tableName,
      Item: encodeUser({ ...user, passwordHash: UNUSABLE_PASSWORD_HASH }),
    }),
  );
  return user;
}

/** A PBKDF2 PHC string no password matches (its hash is shorter than any PBKDF2 output). */
const UNUSABLE_PASSWORD_HASH = '$pbkdf2-sha256$i=600000,l=32$AAAA$AAAA';

/**
 * A session token for `user` under `authKey` (a Fernet key's text), as sign-in would issue it at `now`.
 * @example headers: { authorization: `Bearer ${await testSessionToken(user, authKey)}` }
 */
export async function testSessionToken(
  user: TestUser,
  authKey: string,
  options: { now?: number; ttlSeconds?: number } = {},
): Promise<string> {
  // Loaded here, not at the top: tests of the ingest path import this module and must not load the token code.
  const { issueToken, parseKey } = await import('@footfall/tokens');
  const key = parseKey(authKey);
  if (!key.ok) throw key.error;
  return issueToken(
    { sub: user.username, created: user.createdAt, epoch: user.sessionEpoch },
    { key: key.value, ttlSeconds: options.ttlSeconds ?? 3600, now: new Date(options.now ?? Date.now()) },
  );
}
