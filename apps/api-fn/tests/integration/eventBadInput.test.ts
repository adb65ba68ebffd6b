// Every rule of the custom event's shape (SPEC §3), sent to a handler on DynamoDB Local: each bad event gets its
// 400 (or 403) and code and writes nothing; an event right at every limit is stored once, however often sent.
import { randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { decodeRawEvent, eventKey } from '@footfall/core-model';
import { BOT_UA, CHROME_UA, customEvent, type HttpEventInput, httpEvent } from '@footfall/testing';
import { errorCode, type TestApi, testApi } from '../helpers/api';
import { createTestTable, INTEGRATION_TIMEOUT_MS, scanAll, type TestTable } from '../helpers/localTable';

jest.setTimeout(INTEGRATION_TIMEOUT_MS);

let table: TestTable;
let api: TestApi;

beforeAll(async () => {
  table = await createTestTable({ prefix: 'api-event-input' });
  api = testApi(table.client, table.tableName);
  // Stored at the real time: DynamoDB Local deletes items whose TTL has passed.
  api.clock.now = Date.now();
});

afterAll(async () => {
  await table.cleanup();
});

const post = (body: unknown, userAgent = CHROME_UA) =>
  ({
    method: 'POST',
    path: '/api/event',
    headers: { 'content-type': 'text/plain', 'user-agent': userAgent },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }) satisfies HttpEventInput;

const props = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, `v${i}`]));

const CASES: [string, Record<string, unknown>, number, string][] = [
  ['a missing name', customEvent({ name: undefined }), 400, 'invalid_event_name'],
  ['an empty name', customEvent({ name: '' }), 400, 'invalid_event_name'],
  ['a name that is not a string', customEvent({ name: 42 }), 400, 'invalid_event_name'],
  ['a name of 65 bytes', customEvent({ name: 'n'.repeat(65) }), 400, 'invalid_event_name'],
  [
    'a name over 64 UTF-8 bytes in 33 characters',
    customEvent({ name: 'é'.repeat(33) }),
    400,
    'invalid_event_name',
  ],
  ['a NUL in the name', customEvent({ name: 'sign\u0000up' }), 400, 'invalid_event_name'],
  ['a C1 control in the name', customEvent({ name: 'sign\u0085up' }), 400, 'invalid_event_name'],
  ['a bidi override in the name', customEvent({ name: 'sign\u202eup' }), 400, 'invalid_event_name'],
  ['a lone surrogate in the name', customEvent({ name: 'sign\ud800up' }), 400, 'invalid_event_name'],
  ['props that are a list', customEvent({ props: ['pro'] }), 400, 'invalid_props'],
  ['props that are a string', customEvent({ props: 'plan=pro' }), 400, 'invalid_props'],
  ['9 props', customEvent({ props: props(9) }), 400, 'invalid_props'],
  ['an empty prop key', customEvent({ props: { '': 'pro' } }), 400, 'invalid_props'],
  ['a prop key of 33 bytes', customEvent({ props: { ['k'.repeat(33)]: 'pro' } }), 400, 'invalid_props'],
  [
    'a prop key over 32 bytes in 17 characters',
    customEvent({ props: { ['ü'.repeat(17)]: 'x' } }),
    400,
    'invalid_props',
  ],
  [
    'a control character in a prop key',
    customEvent({ props: { 'pl\u0007an': 'pro' } }),
    400,
    'invalid_props',
  ],
  ['an empty prop value', customEvent({ props: { plan: '' } }), 400, 'invalid_props'],
  ['a number as a prop value', customEvent({ props: { plan: 3 } }), 400, 'invalid_props'],
  ['a null prop value', customEvent({ props: { plan: null } }), 400, 'invalid_props'],
  ['a nested prop value', customEvent({ props: { plan: { tier: 'pro' } } }), 400, 'invalid_props'],
  ['a prop value of 101 bytes', customEvent({ props: { plan: 'p'.repeat(101) } }), 400, 'invalid_props'],
  [
    'a prop value over 100 bytes in 26 emoji',
    customEvent({ props: { plan: '\u{1F600}'.repeat(26) } }),
    400,
    'invalid_props',
  ],
  ['a bidi isolate in a prop value', customEvent({ props: { plan: 'pro\u2066' } }), 400, 'invalid_props'],
  ['a lone surrogate in a prop value', customEvent({ props: { plan: '\udc00' } }), 400, 'invalid_props'],
  ['a view that is not a UUID', customEvent({ view: 'not-a-uuid' }), 400, 'invalid_view'],
  ['a missing id', customEvent({ id: undefined }), 400, 'invalid_event'],
  ['an id that is not a UUID', customEvent({ id: '42' }), 400, 'invalid_event'],
  ['a missing path', customEvent({ path: undefined }), 400, 'invalid_event'],
  ['a path not starting with /', customEvent({ path: 'pricing' }), 400, 'invalid_event'],
  ['a path over 512 bytes', customEvent({ path: `/${'p'.repeat(512)}` }), 400, 'invalid_event'],
  ['a control character in the path', customEvent({ path: '/a\u0000b' }), 400, 'invalid_event'],
  ['a missing site', customEvent({ site: undefined }), 400, 'invalid_event'],
  ['a site not allowed', customEvent({ site: 'not-mine.example' }), 403, 'site_not_allowed'],
];

describe('custom events: bad input against DynamoDB Local', () => {
  it.each(CASES)('refuses %s and stores nothing', async (_, body, status, code) => {
    // Prepare
    const before = await scanAll(table.client, table.tableName);

    // Act
    // A fresh id for each case (one accepted by mistake must not hide the next), unless the id is the point.
    const id = body.id === customEvent().id ? randomUUID() : body.id;
    const response = await api.handler(httpEvent(post({ ...body, id })));

    // Assess
    expect(response.statusCode).toBe(status);
    expect(errorCode(response)).toBe(code);
    expect(await scanAll(table.client, table.tableName)).toEqual(before);
  });

  it('stores an event right at every limit once, however often it is sent', async () => {
    // Prepare: a 64-byte name, 8 props with 32-byte keys and 100-byte values of multi-byte characters.
    const id = randomUUID();
    const name = `${'é'.repeat(31)}ab`;
    const eight = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [`${'ü'.repeat(15)}k${i}`, `${'\u{1F600}'.repeat(24)}v${i}zz`]),
    );
    const body = customEvent({ id, name, props: eight });

    // Act
    const first = await api.handler(httpEvent(post(body)));
    const before = await scanAll(table.client, table.tableName);
    const retry = await api.handler(httpEvent(post(body)));

    // Assess
    expect(Buffer.byteLength(name)).toBe(64);
    expect(Object.keys(eight).every((k) => Buffer.byteLength(k) === 32)).toBe(true);
    expect(Object.values(eight).every((v) => Buffer.byteLength(v) === 100)).toBe(true);
    expect([first.statusCode, retry.statusCode]).toEqual([202, 202]);
    expect(await scanAll(table.client, table.tableName)).toEqual(before);
    const stored = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: eventKey(id), ConsistentRead: true }),
    );
    const event = decodeRawEvent(stored.Item);
    expect(event.ok && [event.value.name, event.value.props, event.value.bot]).toEqual([name, eight, false]);
  });

  it('stores a bot event marked as a bot, and an event without a view', async () => {
    // Prepare
    const id = randomUUID();

    // Act
    const response = await api.handler(httpEvent(post(customEvent({ id, view: undefined }), BOT_UA)));

    // Assess
    expect(response.statusCode).toBe(202);
    const stored = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: eventKey(id), ConsistentRead: true }),
    );
    const event = decodeRawEvent(stored.Item);
    expect(event.ok && [event.value.bot, event.value.view]).toEqual([true, undefined]);
  });
});
