// template.yaml's FilterCriteria on stream records DynamoDB Local produced: only recorded pageviews pass.
import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import {
  DEAD_LETTER_PARTITION,
  engagementRaise,
  engagementUpsert,
  PARTITION_KEY,
  pageviewUpsert,
  parseTrieSection,
  type RawView,
  SORT_KEY,
  seriesKey,
  sitePartition,
  techKey,
  throttleKey,
  type UpdateParts,
  userKey,
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
import { matchesFilterCriteria, readStreamEventSettings } from '@footfall/template';
import {
  invokeTrigger,
  type LocalFunction,
  localFunctionEnv,
  rawView,
  startBundle,
  streamEvent,
} from '@footfall/testing';
import type { DynamoDBRecord } from 'aws-lambda';
import { templatePath } from '../helpers/repo';

const settings = readStreamEventSettings(templatePath);
const early = '0b0c3d5e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';
const plain = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
// Recent and unexpired, so DynamoDB Local's TTL sweep does not delete the views while the test runs.
const NOW = Date.now();
const DAY = new Date(NOW).toISOString().slice(0, 10);

const view = (id: string, path: string): RawView =>
  rawView({
    id,
    path,
    time: NOW - 60_000,
    country: undefined,
    expiresAt: Math.floor(NOW / 1000) + 30 * 86_400,
  });

describe('the stream filter on records DynamoDB Local produced', () => {
  let table: TestTable;
  let streams: DynamoDBStreamsClient;
  let trigger: LocalFunction | undefined;
  let records: DynamoDBRecord[];

  const passes = (r: DynamoDBRecord) => {
    if (!settings.ok) throw settings.error;
    return matchesFilterCriteria(r, settings.value.filterPatterns);
  };
  const ofItem = (path: string, section: string) =>
    records
      .filter(
        (r) => r.dynamodb?.Keys?.[PARTITION_KEY]?.S === path && r.dynamodb?.Keys?.[SORT_KEY]?.S === section,
      )
      .map((r) => [r.eventName, passes(r)]);

  beforeAll(async () => {
    // Prepare: the writes each part of the system makes, in the order they happen.
    table = await createTestTable({ prefix: 'infra-filter' });
    streams = new DynamoDBStreamsClient(localClientConfig(table.endpoint));
    const TableName = table.tableName;
    const send = table.client.send.bind(table.client);
    const update = (parts: UpdateParts) => send(new UpdateItemCommand({ TableName, ...parts }));
    const streamArn = table.streamArn ?? '';
    const readAll = async () =>
      (await readStream(streams, streamArn)).map((r) => toLambdaRecord(r, streamArn));
    const pending = Math.floor(NOW / 1000) + 86_400;

    // api-fn ingest, as it writes: engagement that arrives before its pageview (twice), the pageview joining
    // it, a larger report; and a second view recorded plainly.
    await update(engagementUpsert(early, 5, 20, pending));
    await update(engagementRaise(early, { duration: 9, scroll: 20 }, { duration: 5, scroll: 20 }, pending));
    await update(pageviewUpsert(view(early, '/early')));
    await update(engagementUpsert(early, 42, 80, pending));
    await update(pageviewUpsert(view(plain, '/')));
    // The CLI adding a user and changing its password; sign-in counting a failure.
    await send(
      new PutItemCommand({ TableName, Item: { ...userKey('admin'), Hash: { S: '$pbkdf2-sha256$…' } } }),
    );
    await send(
      new UpdateItemCommand({
        TableName,
        Key: userKey('admin'),
        UpdateExpression: 'SET #h = :h',
        ExpressionAttributeNames: { '#h': 'Hash' },
        ExpressionAttributeValues: { ':h': { S: '$pbkdf2-sha256$…2' } },
      }),
    );
    await send(new PutItemCommand({ TableName, Item: { ...throttleKey('admin'), Failures: { N: '1' } } }));

    // The trigger itself on what the filter passed, plus a poison record: its aggregate writes (tries, series,
    // technology) and its dead letter land in the same table, and so in the same stream.
    const views = (await readAll()).filter(passes);
    const first = views[0];
    const poison = {
      ...first,
      dynamodb: { ...first?.dynamodb, SequenceNumber: `${first?.dynamodb?.SequenceNumber}0`, NewImage: {} },
    } as DynamoDBRecord;
    trigger = startBundle('stream-trigger-fn', localFunctionEnv(table, { METRICS_NAMESPACE: '' }));
    const twice = [views, views.slice(0, 1)];
    for (const batch of twice) {
      const response = await invokeTrigger(trigger, streamEvent([...batch, poison]));
      if (response.batchItemFailures.length > 0) throw new Error('the trigger failed a batch');
    }

    // The TTL process deleting an expired view (delete it as TTL would).
    await send(new DeleteItemCommand({ TableName, Key: viewKey(plain) }));
    records = await readAll();
  });

  afterAll(async () => {
    await trigger?.stop();
    streams?.destroy();
    await table?.cleanup();
  });

  it('drops engagement still waiting for its pageview, and passes the pageview joining it and later raises', () => {
    // Act
    const key = viewKey(early);
    const results = ofItem(key.Path.S, key.Section.S);

    // Assess
    expect(results).toEqual([
      ['INSERT', false],
      ['MODIFY', false],
      ['MODIFY', true],
      ['MODIFY', true],
    ]);
  });

  it('passes a pageview recorded on its own, and not its removal by TTL', () => {
    // Act
    const key = viewKey(plain);
    const results = ofItem(key.Path.S, key.Section.S);

    // Assess
    expect(results).toEqual([
      ['INSERT', true],
      ['REMOVE', false],
    ]);
  });

  it('filters on the Section value core-model gives raw views', () => {
    // Assess
    if (!settings.ok) throw settings.error;
    expect(settings.value.filterPatternSources.join()).toContain(JSON.stringify([VIEW_SECTION]));
  });

  it('never passes the trigger’s own writes: tries, series, technology and dead letters, new or updated', () => {
    // Act
    const own = records.filter((r) => {
      const path = r.dynamodb?.Keys?.[PARTITION_KEY]?.S;
      return path === sitePartition('example.com') || path === DEAD_LETTER_PARTITION;
    });
    const sections = new Set(own.map((r) => r.dynamodb?.Keys?.[SORT_KEY]?.S ?? ''));

    // Assess: every kind of item the trigger writes is there, created and then updated, and none passes.
    expect(sections).toContain(seriesKey('example.com', DAY).Section.S);
    expect(sections).toContain(techKey('example.com', DAY).Section.S);
    const tries = new Set([...sections].map((s) => parseTrieSection(s)?.dimension).filter((d) => d));
    expect(tries).toEqual(new Set(['page', 'referrer']));
    expect(own.filter((r) => r.dynamodb?.Keys?.[PARTITION_KEY]?.S === DEAD_LETTER_PARTITION)).toHaveLength(2);
    expect(new Set(own.map((r) => r.eventName))).toEqual(new Set(['INSERT', 'MODIFY']));
    expect(own.filter(passes)).toEqual([]);
  });

  it.each([
    ['user writes', userKey('admin')],
    ['sign-in throttle writes', throttleKey('admin')],
  ])('drops %s', (_name, key) => {
    // Act
    const results = ofItem(key.Path.S, key.Section.S);

    // Assess
    expect(results.length).toBeGreaterThan(0);
    expect(results.every(([, passes]) => passes === false)).toBe(true);
  });
});
