// Every bad input of issues 3 and 11, sent to a handler on DynamoDB Local: each gets its 4xx and code, none
// writes; text right at its byte limits is taken.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { decodeRawView, encodeRawView, viewKey } from '@footfall/core-model';
import { CHROME_UA, engagement, type HttpEventInput, httpEvent, pageview, SITE } from '@footfall/testing';
import { generateKey } from '@footfall/tokens';
import { rawView } from '../helpers/aggregates';
import {
  bearer,
  errorCode,
  NOW,
  storeTestUser,
  type TestApi,
  tamper,
  testApi,
  tokenFor,
} from '../helpers/api';
import { createTestTable, INTEGRATION_TIMEOUT_MS, scanAll, type TestTable } from '../helpers/localTable';

jest.setTimeout(INTEGRATION_TIMEOUT_MS);

let table: TestTable;
let api: TestApi;

beforeAll(async () => {
  table = await createTestTable({ prefix: 'api-bad-input' });
  api = testApi(table.client, table.tableName);
  // Something to stay unchanged: a stored view (engagements target it) and a user.
  await table.client.send(
    new PutItemCommand({
      TableName: table.tableName,
      Item: encodeRawView(
        rawView({ id: String(engagement().id), expiresAt: Math.floor(Date.now() / 1000) + 86_400 }),
      ),
    }),
  );
  await storeTestUser(table.client, table.tableName, 'owner');
  await storeTestUser(table.client, table.tableName, 'admin');
});

afterAll(async () => {
  await table.cleanup();
});

const event = (body: unknown) =>
  ({
    method: 'POST',
    path: '/api/event',
    headers: { 'content-type': 'application/json', 'user-agent': CHROME_UA },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }) satisfies HttpEventInput;

const report = (path: string, query: Record<string, string>, headers: Record<string, string> = bearer()) =>
  ({ method: 'GET', path, query, headers }) satisfies HttpEventInput;

const range = { site: SITE, from: '2026-03-01', to: '2026-03-31' };

/** Characters SPEC §3 refuses in any text field: they hide or reorder what a dashboard shows, or are not text. */
const FORBIDDEN: [string, string][] = [
  ['a NUL', '\u0000'],
  ['a C1 control (NEL)', '\u0085'],
  ['a right-to-left override', '\u202e'],
  ['a lone surrogate', '\ud800'],
];

/** The pageview's text fields, each with `text` put into it (as a prefix where a field must start with `/`). */
const TEXT_FIELDS: [string, (text: string) => Record<string, unknown>][] = [
  ['path', (text) => pageview({ path: `/${text}` })],
  ['referrer', (text) => pageview({ referrer: `https://news.example.org/${text}` })],
  ['UTM source', (text) => pageview({ utm: { source: text } })],
  ['UTM campaign', (text) => pageview({ utm: { campaign: text } })],
  ['time zone', (text) => pageview({ tz: `Europe/${text}` })],
];

const CASES: [string, HttpEventInput, number, string][] = [
  ['malformed JSON', event('{"type":"pageview",'), 400, 'malformed_json'],
  ['valid JSON of the wrong shape', event({ hello: 'world' }), 400, 'invalid_event'],
  ['a JSON string', event('"pageview"'), 400, 'invalid_event'],
  ['an unknown type', event(pageview({ type: 'purchase' })), 400, 'unknown_event_type'],
  ['a missing id', event(pageview({ id: undefined })), 400, 'invalid_event'],
  ['a missing path', event(pageview({ path: undefined })), 400, 'invalid_event'],
  ['an oversized site', event(pageview({ site: `${'a'.repeat(254)}.com` })), 400, 'invalid_event'],
  [
    'an oversized referrer',
    event(pageview({ referrer: `https://x.com/${'r'.repeat(2048)}` })),
    400,
    'invalid_event',
  ],
  ['an oversized UTM value', event(pageview({ utm: { source: 's'.repeat(101) } })), 400, 'invalid_event'],
  ['a path not starting with /', event(pageview({ path: 'blog/a' })), 400, 'invalid_event'],
  [
    'a path over 512 UTF-8 bytes in 257 characters',
    event(pageview({ path: `/${'é'.repeat(256)}` })),
    400,
    'invalid_event',
  ],
  [
    'a UTM value over 100 UTF-8 bytes in 51 characters',
    event(pageview({ utm: { campaign: 'ü'.repeat(51) } })),
    400,
    'invalid_event',
  ],
  ...FORBIDDEN.flatMap(([name, character]): [string, HttpEventInput, number, string][] =>
    TEXT_FIELDS.map(([field, withText]) => [
      `${name} in the ${field}`,
      event(withText(`x${character}y`)),
      400,
      'invalid_event',
    ]),
  ),

  ['a path over 512 chars', event(pageview({ path: `/${'p'.repeat(512)}` })), 400, 'invalid_event'],
  ['a negative duration', event(engagement({ duration: -1 })), 400, 'invalid_event'],
  ['a fractional duration', event(engagement({ duration: 2.5 })), 400, 'invalid_event'],
  [
    'a NaN duration',
    event(
      '{"type":"engagement","id":"0b0c3c1e-5d7a-4f7e-9c1a-2b3c4d5e6f70","site":"example.com","path":"/","duration":NaN,"scroll":1}',
    ),
    400,
    'malformed_json',
  ],
  ['a null duration', event(engagement({ duration: null })), 400, 'invalid_event'],
  ['a duration over 7200', event(engagement({ duration: 7201 })), 400, 'invalid_event'],
  ['a scroll over 100', event(engagement({ scroll: 101 })), 400, 'invalid_event'],
  ['a site not allowed', event(pageview({ site: 'not-mine.example' })), 403, 'site_not_allowed'],
  [
    'an engagement for a site not allowed',
    event(engagement({ site: 'not-mine.example' })),
    403,
    'site_not_allowed',
  ],
  ['a body over 8 KiB', event(pageview({ lang: 'x'.repeat(9000) })), 413, 'payload_too_large'],
  [
    'a form content type',
    {
      ...event(pageview()),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': CHROME_UA },
    },
    415,
    'unsupported_media_type',
  ],
  [
    'invalid UTF-8',
    {
      method: 'POST',
      path: '/api/event',
      headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
      body: Buffer.concat([
        Buffer.from('{"type":"pageview","path":"/'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}'),
      ]),
    },
    400,
    'invalid_encoding',
  ],
  [
    'a 10 KB User-Agent',
    {
      ...event(pageview({ id: randomUUID() })),
      headers: { 'content-type': 'application/json', 'user-agent': 'U'.repeat(10_240) },
    },
    400,
    'user_agent_too_long',
  ],
  [
    'reversed dates',
    report('/api/stats/timeseries', { ...range, from: '2026-03-31', to: '2026-03-01' }),
    400,
    'invalid_range',
  ],
  ['an invalid date', report('/api/stats/timeseries', { ...range, from: '2026-02-29' }), 400, 'invalid_date'],
  [
    'a range over 400 days',
    report('/api/stats/export', { ...range, from: '2025-01-01' }),
    400,
    'range_too_long',
  ],
  [
    'an unknown dimension',
    report('/api/stats/breakdown', { ...range, dimension: 'shoe_size' }),
    400,
    'unknown_dimension',
  ],
  ['a missing token', report('/api/sites', {}, {}), 401, 'missing_token'],
  [
    'an expired token',
    report('/api/sites', {}, bearer(tokenFor('owner', { now: NOW - 7200_000 }))),
    401,
    'expired_token',
  ],
  ['a tampered token', report('/api/sites', {}, bearer(tamper(tokenFor('owner')))), 401, 'invalid_token'],
  [
    'a token of another key',
    report('/api/sites', {}, bearer(tokenFor('owner', { key: generateKey() }))),
    401,
    'invalid_token',
  ],
  ['an unknown route', { method: 'GET', path: '/api/stats/everything' }, 404, 'not_found'],
  ['a wrong method', { method: 'PUT', path: '/api/event', body: '{}' }, 405, 'method_not_allowed'],
  [
    'a pixel with a bad uuid',
    { method: 'GET', path: '/pv.gif', query: { uuid: 'x', path: '/', site: SITE } },
    400,
    'invalid_event',
  ],
  [
    'a pixel that no site owns (several sites, no site, Origin or Referer)',
    {
      method: 'GET',
      path: '/pv.gif',
      query: { uuid: randomUUID(), path: '/' },
      headers: { host: 'pv.example.net' },
    },
    400,
    'missing_site',
  ],
  [
    'an append that no site owns',
    {
      method: 'POST',
      path: '/append',
      body: { uuid: randomUUID(), path: '/', duration: 1, scroll: 5 },
      headers: { origin: 'https://elsewhere.example.net' },
    },
    400,
    'missing_site',
  ],
  [
    'an append with a fractional scroll',
    { method: 'POST', path: '/append', body: { uuid: randomUUID(), duration: 1, scroll: 0.5 } },
    400,
    'invalid_event',
  ],
  [
    'a sign-in without password',
    { method: 'POST', path: '/api/auth/signin', body: { username: 'owner' } },
    400,
    'invalid_body',
  ],
];

describe('bad input against DynamoDB Local', () => {
  it.each(CASES)('refuses %s and leaves the table unchanged', async (_, input, status, code) => {
    // Prepare
    const before = await scanAll(table.client, table.tableName);

    // Act
    const response = await api.handler(httpEvent(input));

    // Assess
    expect(response.statusCode).toBe(status);
    expect(errorCode(response)).toBe(code);
    expect(await scanAll(table.client, table.tableName)).toEqual(before);
  });

  it('takes text right at its limits in UTF-8 bytes, emoji included, and stores it as sent', async () => {
    // Prepare: a 512-byte path and a 100-byte UTM value of 2- and 4-byte characters; stored at the real time,
    // since DynamoDB Local deletes items whose TTL has passed.
    const live = testApi(table.client, table.tableName);
    live.clock.now = Date.now();
    const id = randomUUID();
    const path = `/${'é'.repeat(253)}\u{1F600}a`;
    const campaign = `${'ü'.repeat(48)}\u{1F600}`;

    // Act
    const response = await live.handler(httpEvent(event(pageview({ id, path, utm: { campaign } }))));

    // Assess
    expect([Buffer.byteLength(path), Buffer.byteLength(campaign)]).toEqual([512, 100]);
    expect(response.statusCode).toBe(202);
    const stored = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: viewKey(id), ConsistentRead: true }),
    );
    const view = decodeRawView(stored.Item);
    expect(view.ok && [view.value.path, view.value.utmCampaign]).toEqual([path, campaign]);
  });

  it('answers 503 with Retry-After, and no stack trace, when DynamoDB is unreachable', async () => {
    // Prepare
    const down = new DynamoDBClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    const { handler, logs } = testApi(down, table.tableName);
    const request = httpEvent(event(pageview({ id: randomUUID() })));

    // Act
    const response = await handler(request);

    // Assess
    expect(response.statusCode).toBe(503);
    expect(errorCode(response)).toBe('service_unavailable');
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.body).not.toMatch(/ at |Error:/);
    expect(logs.some((l) => l.includes(request.requestContext.requestId))).toBe(true);
    down.destroy();
  });
});
