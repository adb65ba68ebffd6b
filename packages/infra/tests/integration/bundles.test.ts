// The built Lambda bundles, loaded as Lambda loads them and invoked with recorded events on DynamoDB Local.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import {
  DEAD_LETTER_PARTITION,
  decodeDeadLetter,
  PARTITION_KEY,
  readSeriesItem,
  readTrieNode,
  sectionOf,
  seriesRange,
  sitePartition,
  VIEW_SECTION,
  viewKey,
} from '@footfall/core-model';
import {
  createTestTable,
  localClientConfig,
  readStream,
  type TestTable,
  toLambdaRecord,
} from '@footfall/dynamodb-local';
import beaconEvent from '../fixtures/events/beaconScript.json';
import pageviewEvent from '../fixtures/events/pageview.json';
import { type BuiltApp, buildApp, invokeBundle } from '../helpers/bundles';
import { readRepoFile } from '../helpers/repo';

const fixtureBeacon = join(__dirname, '../fixtures/beacon-dist');
const recordedView = JSON.parse(pageviewEvent.body) as { id: string; site: string };

describe('Lambda bundles', () => {
  let table: TestTable;
  let api: BuiltApp;
  let trigger: BuiltApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    // Prepare: both apps built by their own scripts; the api without a dashboard build, to see the warning.
    table = await createTestTable({ prefix: 'infra-bundles' });
    api = buildApp('api-fn', [
      '--beacon',
      fixtureBeacon,
      '--dashboard',
      join(__dirname, 'no-such-dashboard'),
    ]);
    trigger = buildApp('stream-trigger-fn');
    const { credentials, region } = localClientConfig(table.endpoint);
    // DynamoDB Local keeps tables per access key and region: the bundles must use the test client's.
    env = {
      TABLE_NAME: table.tableName,
      DYNAMODB_ENDPOINT: table.endpoint,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      ALLOWED_SITES: 'example.com',
      ALLOWED_ORIGINS: 'https://example.com',
      LOG_LEVEL: 'ERROR',
    };
  }, 240_000);

  afterAll(async () => {
    for (const built of [api, trigger]) if (built) rmSync(built.outdir, { recursive: true, force: true });
    await table?.cleanup();
  });

  it('writes index.mjs with its chunks and no package.json (so `sam build` only copies)', () => {
    // Assess
    for (const built of [api, trigger]) {
      expect(existsSync(join(built.outdir, 'index.mjs'))).toBe(true);
      expect(existsSync(join(built.outdir, 'index.mjs.map'))).toBe(true);
      expect(existsSync(join(built.outdir, 'package.json'))).toBe(false);
    }
  });

  it('copies the beacon next to the api bundle and warns that the dashboard is missing', () => {
    // Act
    const beaconFiles = readdirSync(join(api.outdir, 'static/beacon')).sort();

    // Assess
    expect(beaconFiles).toEqual(readdirSync(fixtureBeacon).sort());
    expect(existsSync(join(api.outdir, 'static/dashboard'))).toBe(false);
    expect(api.stderr).toContain('WARNING');
    expect(api.stderr).toContain('no-such-dashboard');
  });

  it('builds both apps with the one shared set of esbuild options', () => {
    // Prepare
    const usesShared = (app: string) =>
      readRepoFile(`apps/${app}/scripts/build.mjs`).includes(
        'await build(lambdaBundleOptions(entry, outdir))',
      );
    const shared = readRepoFile('packages/config/lambda-bundle.mjs');

    // Assess
    expect(usesShared('api-fn')).toBe(true);
    expect(usesShared('stream-trigger-fn')).toBe(true);
    expect(shared).toContain("format: 'esm'");
    expect(shared).toContain("target: 'node24'");
    expect(shared).toContain('splitting: true');
  });

  it('serves the beacon script from the api bundle', () => {
    // Act
    const response = invokeBundle(join(api.outdir, 'index.mjs'), beaconEvent, env) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
      isBase64Encoded?: boolean;
    };

    // Assess
    expect(response.statusCode).toBe(200);
    const body = response.isBase64Encoded
      ? Buffer.from(response.body, 'base64').toString('utf8')
      : response.body;
    expect(body).toBe(readFileSync(join(fixtureBeacon, 'beacon.js'), 'utf8'));
  });

  it('accepts a recorded pageview and aggregates it through the trigger bundle, setting poison aside', async () => {
    // Prepare: the stream's records, plus one poison record the trigger bundle must keep as a dead letter.
    const response = invokeBundle(join(api.outdir, 'index.mjs'), pageviewEvent, env) as {
      statusCode: number;
    };
    const streams = new DynamoDBStreamsClient(localClientConfig(table.endpoint));
    const streamArn = table.streamArn ?? '';
    // The first request also wrote the site list (ALLOWED_SITES); the stream filter keeps those off the trigger.
    const records = (await readStream(streams, streamArn))
      .map((r) => toLambdaRecord(r, streamArn))
      .filter((r) => r.dynamodb?.Keys?.Section?.S === VIEW_SECTION);
    streams.destroy();
    const first = records[0];
    const poisonSequence = `${first?.dynamodb?.SequenceNumber ?? '1'}0`;
    const poison = {
      ...first,
      dynamodb: { ...first?.dynamodb, SequenceNumber: poisonSequence, NewImage: { Time: { S: 'soon' } } },
    };

    // Act
    const batch = invokeBundle(join(trigger.outdir, 'index.mjs'), { Records: [...records, poison] }, env);

    // Assess: the view is stored, its counts are in the day's series and in the page and referrer tries.
    expect(response.statusCode).toBe(202);
    const raw = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: viewKey(recordedView.id) }),
    );
    expect(raw.Item?.Site?.S).toBe(recordedView.site);
    expect(records.map((r) => r.eventName)).toEqual(['INSERT']);
    expect(batch).toEqual({ batchItemFailures: [] });
    const aggregates = await partition(sitePartition(recordedView.site));
    const everyDay = seriesRange(recordedView.site, '0000-01-01', '9999-12-31');
    const views = aggregates
      .filter((item) => sectionOf(item) >= everyDay.from && sectionOf(item) <= everyDay.to)
      .flatMap((item) => [...readSeriesItem(item).value.values()])
      .reduce((n, c) => n + c.views, 0);
    expect(views).toBe(1);
    const tries = aggregates.flatMap((item) => {
      const node = readTrieNode(item).value;
      return node === undefined ? [] : [node];
    });
    expect(tries.find((n) => n.dimension === 'page')?.values.has('/blog/hello')).toBe(true);
    expect(tries.find((n) => n.dimension === 'referrer')?.values.get('news.ycombinator.com')).toEqual({
      views: 1,
      visitors: 1,
    });
    const letters = (await partition(DEAD_LETTER_PARTITION)).map((item) => decodeDeadLetter(item));
    expect(letters).toEqual([
      { ok: true, value: expect.objectContaining({ kind: 'record', source: poisonSequence }) },
    ]);
  });

  /** Every item of one partition. */
  async function partition(path: string) {
    const out = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': PARTITION_KEY },
        ExpressionAttributeValues: { ':p': { S: path } },
        ConsistentRead: true,
      }),
    );
    return out.Items ?? [];
  }
});
