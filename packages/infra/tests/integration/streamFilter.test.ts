// template.yaml's FilterCriteria against real stream records from DynamoDB Local: only raw view writes pass.
import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import {
  encodeRawView,
  engagementUpdate,
  hourItemKey,
  type RawView,
  seriesKey,
  throttleKey,
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
import type { DynamoDBRecord } from 'aws-lambda';
import { matchesFilterCriteria, readStreamEventSettings } from '../../src';
import { templatePath } from '../helpers/repo';

const settings = readStreamEventSettings(templatePath);
const viewId = '0b0c3d5e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';

describe('the stream filter on records DynamoDB Local produced', () => {
  let table: TestTable;
  let streams: DynamoDBStreamsClient;
  let records: DynamoDBRecord[];

  const passing = (path: string, section: string) =>
    records
      .filter((r) => r.dynamodb?.Keys?.Path?.S === path && r.dynamodb?.Keys?.Section?.S === section)
      .map((r) => {
        if (!settings.ok) throw settings.error;
        return [r.eventName, matchesFilterCriteria(r, settings.value.filterPatterns)];
      });

  beforeAll(async () => {
    // Prepare: the writes each part of the system makes, in the order they happen.
    table = await createTestTable({ prefix: 'infra-filter' });
    streams = new DynamoDBStreamsClient(localClientConfig(table.endpoint));
    const TableName = table.tableName;
    const send = table.client.send.bind(table.client);
    const view = viewKey(viewId);
    const series = seriesKey('example.com', '2026-01-01');
    const hour = hourItemKey('example.com', '0', '2026-01-01T10');

    // api-fn ingest: the pageview, then an engagement update of the same item.
    const rawView: RawView = {
      id: viewId,
      site: 'example.com',
      path: '/',
      time: Date.UTC(2026, 0, 1, 10),
      unique: true,
      bot: false,
      browser: 'Firefox',
      os: 'Linux',
      device: 'desktop',
      expiresAt: Date.UTC(2026, 0, 31, 10) / 1000,
    };
    await send(new PutItemCommand({ TableName, Item: encodeRawView(rawView) }));
    await send(new UpdateItemCommand({ TableName, ...engagementUpdate(viewId, 42, 80) }));
    // The TTL process deleting the expired view (DynamoDB Local has no TTL sweeper, so delete it as TTL would).
    await send(new DeleteItemCommand({ TableName, Key: view }));
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
    // The trigger's own counter updates: the first creates the aggregate item, the second modifies it.
    for (const key of [series, series, hour]) {
      await send(
        new UpdateItemCommand({
          TableName,
          Key: key,
          UpdateExpression: 'ADD #v :one',
          ExpressionAttributeNames: { '#v': 'Views' },
          ExpressionAttributeValues: { ':one': { N: '1' } },
        }),
      );
    }

    const streamArn = table.streamArn ?? '';
    records = (await readStream(streams, streamArn)).map((r) => toLambdaRecord(r, streamArn));
  });

  afterAll(async () => {
    streams?.destroy();
    await table?.cleanup();
  });

  it('reads every write back from the stream', () => {
    // Assess
    expect(records.map((r) => r.eventName)).toEqual([
      'INSERT',
      'MODIFY',
      'REMOVE',
      'INSERT',
      'MODIFY',
      'INSERT',
      'INSERT',
      'MODIFY',
      'INSERT',
    ]);
  });

  it('passes the pageview insert and the engagement modify of a raw view, and not its removal', () => {
    // Act
    const view = viewKey(viewId);
    const results = passing(view.Path.S, view.Section.S);

    // Assess
    expect(results).toEqual([
      ['INSERT', true],
      ['MODIFY', true],
      ['REMOVE', false],
    ]);
  });

  it('filters on the Section value core-model gives raw views', () => {
    // Assess
    if (!settings.ok) throw settings.error;
    expect(settings.value.filterPatternSources.join()).toContain(JSON.stringify([VIEW_SECTION]));
  });

  it.each([
    ['user writes', userKey('admin')],
    ['sign-in throttle writes', throttleKey('admin')],
    ['daily aggregate updates', seriesKey('example.com', '2026-01-01')],
    ['hourly aggregate updates', hourItemKey('example.com', '0', '2026-01-01T10')],
  ])('drops %s', (_name, key) => {
    // Act
    const results = passing(key.Path.S, key.Section.S);

    // Assess
    expect(results.length).toBeGreaterThan(0);
    expect(results.every(([, passes]) => passes === false)).toBe(true);
  });
});
