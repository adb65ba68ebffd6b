// The table created from the repository's template.yaml has its key, stream and TTL, and its stream reads back.
import { DescribeTableCommand, DescribeTimeToLiveCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import {
  createTableFromTemplate,
  createTestTable,
  localClientConfig,
  readStream,
  type TestTable,
  toLambdaRecord,
} from '../../src';

describe('createTestTable from template.yaml', () => {
  let table: TestTable;
  let streams: DynamoDBStreamsClient;

  beforeAll(async () => {
    table = await createTestTable();
    streams = new DynamoDBStreamsClient(localClientConfig(table.endpoint));
  });

  afterAll(async () => {
    streams.destroy();
    await table.cleanup();
  });

  it('has key Path/Section, a NEW_AND_OLD_IMAGES stream and TTL on ExpiresAt', async () => {
    // Act
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
    const ttl = await table.client.send(new DescribeTimeToLiveCommand({ TableName: table.tableName }));

    // Assess
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'Path', KeyType: 'HASH' },
      { AttributeName: 'Section', KeyType: 'RANGE' },
    ]);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(table.streamArn).toBe(Table?.LatestStreamArn);
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe('ExpiresAt');
    expect(ttl.TimeToLiveDescription?.TimeToLiveStatus).toBe('ENABLED');
  });

  it('accepts being created again under the same name, keeping the same stream', async () => {
    // Act
    const again = await createTableFromTemplate(table.client, { tableName: table.tableName });

    // Assess
    expect(again).toEqual({ tableName: table.tableName, streamArn: table.streamArn });
  });

  it('shows a PutItem in the stream as an INSERT with the new image, shaped like a Lambda record', async () => {
    // Prepare
    const item = { Path: { S: 'site#1' }, Section: { S: 'view#1' }, Count: { N: '3' } };
    const streamArn = table.streamArn ?? '';

    // Act
    await table.client.send(new PutItemCommand({ TableName: table.tableName, Item: item }));
    const records = await readStream(streams, streamArn);
    const lambda = records.map((r) => toLambdaRecord(r, streamArn, 'us-east-1'));

    // Assess
    expect(lambda).toHaveLength(1);
    expect(lambda[0]).toMatchObject({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: streamArn,
      dynamodb: {
        Keys: { Path: { S: 'site#1' }, Section: { S: 'view#1' } },
        NewImage: item,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    expect(typeof lambda[0]?.dynamodb?.ApproximateCreationDateTime).toBe('number');
    expect(lambda[0]?.dynamodb?.OldImage).toBeUndefined();
  });

  it('reads only what follows a given sequence number', async () => {
    // Prepare
    const streamArn = table.streamArn ?? '';
    const before = await readStream(streams, streamArn);
    const last = before.at(-1)?.dynamodb?.SequenceNumber;

    // Act
    await table.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: { Path: { S: 'site#1' }, Section: { S: 'view#1' }, Count: { N: '4' } },
      }),
    );
    const after = await readStream(streams, streamArn, { fromSequence: last });

    // Assess
    expect(after.map((r) => r.eventName)).toEqual(['MODIFY']);
    expect(after[0]?.dynamodb?.OldImage?.Count).toEqual({ N: '3' });
    expect(after[0]?.dynamodb?.NewImage?.Count).toEqual({ N: '4' });
  });
});
