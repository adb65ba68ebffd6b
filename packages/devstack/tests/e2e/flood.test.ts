// A hostile client against `pnpm dev`'s real stack (local HTTP API, api-fn bundle, DynamoDB Local, stream poller,
// trigger bundle): the flood that once stopped all counting (distinct long paths aimed at one aggregate item,
// long referrers and UTM values) is refused or absorbed, and ordinary views sent after it are all counted within
// 30 s with exact totals.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { itemBytes, NODE_TARGET_BYTES, parseTrieSection, sectionOf } from '@footfall/core-model';
import { localClientConfig } from '@footfall/dynamodb-local';
import { type Stack, startStack } from '../../src/startStack';
import { breakdown, pollUntil, type Row, signIn, totals } from '../helpers/reporting';

jest.setTimeout(300_000);

const SITE = 'localhost';
const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

let dataDir: string;
let stack: Stack;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'devstack-flood-'));
  stack = await startStack({
    dataDir,
    port: 0,
    dynamodbPort: 0,
    logLevel: 'warn',
    hotReload: false,
    output: () => undefined,
    adminPassword: 'flood-test-password-1',
    // The stream's batching window of the template (5 s) is part of what the 30 s must cover.
  });
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sends one pageview the way the beacon does; returns the status. */
async function pageview(body: Record<string, unknown>): Promise<number> {
  const response = await fetch(`${stack.urls.api}/api/event`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': CHROME },
    body: JSON.stringify({ type: 'pageview', id: randomUUID(), site: SITE, ...body }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Sends requests with a few in flight at once, as many browsers would. */
async function sendAll(bodies: Record<string, unknown>[], inFlight = 8): Promise<number[]> {
  const statuses: number[] = new Array(bodies.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < bodies.length) {
        const i = next++;
        statuses[i] = await pageview(bodies[i] as Record<string, unknown>);
      }
    }),
  );
  return statuses;
}

/**
 * Paths an attacker would choose offline: distinct, all hashing (SHA-256) to a first byte of 0, which put them in
 * one `pages#<day>#0` item of the old layout and puts them on one branch of today's page trie.
 */
function aimedPaths(n: number, make: (i: number) => string): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const p = make(i);
    if (createHash('sha256').update(p).digest()[0] === 0) out.push(p);
  }
  return out;
}

test('a flood of distinct long values cannot stop or skew counting; later views count within 30 s', async () => {
  // Prepare: 300 paths of 512 characters of multi-byte text (1,022 bytes: over the 512-byte limit), 300 of
  // exactly 512 bytes, 300 long referrer hosts and UTM values; then 40 ordinary views.
  const tooLong = aimedPaths(300, (i) => `/${'ü'.repeat(505)}${String(i).padStart(6, '0')}`);
  const atLimit = aimedPaths(300, (i) => `/${'€'.repeat(168)}${String(i).padStart(7, '0')}`);
  const sources = Array.from({ length: 300 }, (_, i) => ({
    path: '/landing',
    referrer: `https://${`${i}`.padStart(3, '0')}${'x'.repeat(240)}.example/`,
    utm: { source: `s${i}${'u'.repeat(96)}`, campaign: `c${i}${'m'.repeat(96)}` },
  }));
  const ordinary = Array.from({ length: 40 }, (_, i) => ({
    path: ['/', '/blog/', '/about', '/blog/post'][i % 4],
    unique: i % 2 === 0,
    referrer: i % 5 === 0 ? 'https://news.ycombinator.com/item?id=1' : undefined,
  }));
  const token = await signIn(stack.urls.api, 'admin', 'flood-test-password-1');

  // Act
  const refused = await sendAll(tooLong.map((path) => ({ path })));
  const accepted = await sendAll([...atLimit.map((path) => ({ path })), ...sources]);
  const sentAt = Date.now();
  const ordinaryStatuses = await sendAll(ordinary);
  const expectedViews = atLimit.length + sources.length + ordinary.length;
  const counted = await pollUntil(
    () => totals(stack.urls.api, token, SITE),
    (t) => t.views >= expectedViews,
    30_000,
  );
  const countedWithin = Date.now() - sentAt;

  // Assess: over-long text is refused at the door; everything else is counted, exactly and in time.
  expect(new Set(refused)).toEqual(new Set([400]));
  expect(new Set([...accepted, ...ordinaryStatuses])).toEqual(new Set([202]));
  expect(countedWithin).toBeLessThan(30_000);
  expect(counted.views).toBe(expectedViews);
  expect(counted.visitors).toBe(ordinary.filter((o) => o.unique).length);
  const pages = new Map(
    (await breakdown(stack.urls.api, token, 'page', SITE, 1000)).map((r: Row) => [r.value, r]),
  );
  expect(pages.get('/')?.views).toBe(10);
  expect(pages.get('/blog/post')?.views).toBe(10);
  expect(pages.get('/landing')?.views).toBe(300);
  expect([...pages.values()].reduce((n, r) => n + r.views, 0)).toBe(expectedViews);
  const referrers = await breakdown(stack.urls.api, token, 'referrer', SITE, 1000);
  expect(referrers.find((r) => r.value === 'news.ycombinator.com')?.views).toBe(8);
  expect(referrers.reduce((n, r) => n + r.views, 0)).toBe(308);

  // No aggregate item the trigger wrote is past one write unit, however the flood was aimed.
  const client = new DynamoDBClient(localClientConfig(stack.urls.dynamodb));
  let trieItems = 0;
  for await (const page of paginateScan({ client }, { TableName: 'footfall' }))
    for (const item of page.Items ?? [])
      if (parseTrieSection(sectionOf(item))) {
        trieItems++;
        expect(itemBytes(item)).toBeLessThanOrEqual(NODE_TARGET_BYTES);
      }
  client.destroy();
  expect(trieItems).toBeGreaterThan(100);
});
