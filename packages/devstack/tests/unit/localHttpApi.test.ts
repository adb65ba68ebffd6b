// The local API's translation between HTTP and HTTP API v2 events, with a fake function in place of api-fn.

import type { InvokeResult } from '@footfall/local-lambda';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type LocalHttpApi, startLocalHttpApi } from '../../src/localHttpApi';
import type { CorsConfiguration, TemplateRoute } from '../../src/template';

const route = (method: string, path: string): TemplateRoute => ({
  method,
  path,
  routeKey: `${method} ${path}`,
  functionLogicalId: 'ApiFn',
});

const ROUTES = [
  route('ANY', '/api/event'),
  route('ANY', '/beacon/{file}'),
  route('ANY', '/dashboard'),
  route('ANY', '/dashboard/{file+}'),
];

const CORS: CorsConfiguration = {
  allowOrigins: ['http://localhost:3001'],
  allowMethods: ['GET', 'POST', 'OPTIONS'],
  allowHeaders: ['authorization', 'content-type'],
  exposeHeaders: [],
  maxAge: 86400,
  allowCredentials: false,
};

let api: LocalHttpApi;
let events: APIGatewayProxyEventV2[];
let respond: (event: APIGatewayProxyEventV2) => InvokeResult;

beforeAll(async () => {
  api = await startLocalHttpApi({
    routes: ROUTES,
    cors: CORS,
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes: 64 * 1024,
    invoke: async (_id, event) => {
      events.push(event);
      return respond(event);
    },
  });
});

beforeEach(() => {
  events = [];
  respond = () => ({ ok: true, value: { statusCode: 202 } });
});

afterAll(() => api.close());

test('a request becomes a v2 event with the route key, lower-cased headers, cookies and query', async () => {
  // Act
  const headers = new Headers([
    ['Content-Type', 'application/json'],
    ['Cookie', 'a=1; b=2'],
    ['User-Agent', 'TestAgent/1.0'],
  ]);
  const response = await fetch(`${api.url}/api/event?x=1&y=two%20words&x=3`, {
    method: 'POST',
    headers,
    body: '{"type":"pageview"}',
  });

  // Assess
  expect(response.status).toBe(202);
  const [event] = events;
  expect(event).toMatchObject({
    version: '2.0',
    routeKey: 'ANY /api/event',
    rawPath: '/api/event',
    rawQueryString: 'x=1&y=two%20words&x=3',
    cookies: ['a=1', 'b=2'],
    queryStringParameters: { x: '1,3', y: 'two words' },
    body: '{"type":"pageview"}',
    isBase64Encoded: false,
    requestContext: {
      http: {
        method: 'POST',
        path: '/api/event',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'TestAgent/1.0',
      },
      routeKey: 'ANY /api/event',
      stage: '$default',
    },
  });
  expect(event?.headers['content-type']).toBe('application/json');
  expect(event?.headers.cookie).toBeUndefined();
  expect(event?.pathParameters).toBeUndefined();
  expect(typeof event?.requestContext.timeEpoch).toBe('number');
});

test('binary bodies travel base64-encoded, and path parameters include greedy ones', async () => {
  // Act
  await fetch(`${api.url}/dashboard/assets/app.js`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: new Uint8Array([0, 255, 1]),
  });
  await fetch(`${api.url}/beacon/beacon.abc.js`);

  // Assess
  expect(events[0]).toMatchObject({
    routeKey: 'ANY /dashboard/{file+}',
    pathParameters: { file: 'assets/app.js' },
    isBase64Encoded: true,
    body: Buffer.from([0, 255, 1]).toString('base64'),
  });
  expect(events[1]).toMatchObject({
    routeKey: 'ANY /beacon/{file}',
    pathParameters: { file: 'beacon.abc.js' },
  });
  expect(events[1]?.body).toBeUndefined();
});

test('paths the template does not route get a JSON 404 without invoking the function', async () => {
  // Act
  const unknown = await fetch(`${api.url}/api/nothing`);
  const tooDeep = await fetch(`${api.url}/beacon/a/b.js`);

  // Assess
  expect(unknown.status).toBe(404);
  expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } });
  expect(tooDeep.status).toBe(404);
  expect(events).toHaveLength(0);
});

test("the function's result becomes the response: headers, multi-value headers, cookies and base64 bodies", async () => {
  // Prepare
  respond = () => ({
    ok: true,
    value: {
      statusCode: 200,
      headers: { 'Content-Type': 'image/gif' },
      multiValueHeaders: { 'X-Tag': ['one', 'two'] },
      cookies: ['a=1; Path=/', 'b=2; Path=/'],
      body: Buffer.from('GIF89a').toString('base64'),
      isBase64Encoded: true,
    },
  });

  // Act
  const response = await fetch(`${api.url}/api/event`);

  // Assess
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/gif');
  expect(response.headers.get('x-tag')).toBe('one,two');
  expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('GIF89a');
});

test('a result without statusCode is a 200 JSON body, and a function error is a 500', async () => {
  // Prepare
  respond = () => ({ ok: true, value: { hello: 'world' } });

  // Act
  const plain = await fetch(`${api.url}/api/event`);
  respond = () => ({ ok: false, error: { errorType: 'TypeError', errorMessage: 'boom' } });
  const failed = await fetch(`${api.url}/api/event`);

  // Assess
  expect(plain.status).toBe(200);
  expect(await plain.json()).toEqual({ hello: 'world' });
  expect(failed.status).toBe(500);
  expect(await failed.json()).toEqual({ message: 'Internal Server Error' });
});

test('preflights are answered from the CORS configuration and never reach the function', async () => {
  // Act
  const allowed = await fetch(`${api.url}/api/event`, {
    method: 'OPTIONS',
    headers: { origin: 'http://localhost:3001', 'access-control-request-method': 'POST' },
  });
  const foreign = await fetch(`${api.url}/api/event`, {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
  });
  const actual = await fetch(`${api.url}/api/event`, { headers: { origin: 'http://localhost:3001' } });

  // Assess
  expect(allowed.status).toBe(204);
  expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3001');
  expect(allowed.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
  expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  expect(actual.headers.get('access-control-allow-origin')).toBe('http://localhost:3001');
  expect(events).toHaveLength(1);
});

test('bodies over the limit are refused with 413 before the function runs', async () => {
  // Act
  const response = await fetch(`${api.url}/api/event`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: 'x'.repeat(64 * 1024 + 1),
  });

  // Assess
  expect(response.status).toBe(413);
  expect(events).toHaveLength(0);
});
