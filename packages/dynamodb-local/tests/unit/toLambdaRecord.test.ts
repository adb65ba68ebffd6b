// toLambdaRecord gives a stream record the shape Lambda hands a DynamoDB stream trigger.
import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import { toLambdaRecord } from '../../src';

const streamArn = 'arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2024-01-01T00:00:00.000';

describe('toLambdaRecord', () => {
  it('converts the creation time to epoch seconds and binary values to base64', () => {
    // Prepare
    const record: _Record = {
      eventID: 'e1',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      dynamodb: {
        ApproximateCreationDateTime: new Date('2024-05-01T10:00:00.900Z'),
        Keys: { Path: { S: 'p' }, Section: { S: 's' } },
        NewImage: {
          Path: { S: 'p' },
          Section: { S: 's' },
          Blob: { B: new Uint8Array([1, 2, 3]) },
          Nested: { M: { L: { L: [{ BS: [new Uint8Array([255])] }, { N: '1' }] } } },
        },
        OldImage: { Path: { S: 'p' }, Section: { S: 's' }, Flag: { BOOL: false } },
        SequenceNumber: '100',
        SizeBytes: 42,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    };

    // Act
    const lambda = toLambdaRecord(record, streamArn, 'eu-west-1');

    // Assess
    expect(lambda).toEqual({
      eventID: 'e1',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      eventSourceARN: streamArn,
      dynamodb: {
        ApproximateCreationDateTime: 1714557600,
        Keys: { Path: { S: 'p' }, Section: { S: 's' } },
        NewImage: {
          Path: { S: 'p' },
          Section: { S: 's' },
          Blob: { B: 'AQID' },
          Nested: { M: { L: { L: [{ BS: ['/w=='] }, { N: '1' }] } } },
        },
        OldImage: { Path: { S: 'p' }, Section: { S: 's' }, Flag: { BOOL: false } },
        SequenceNumber: '100',
        SizeBytes: 42,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  });

  it('leaves out images the stream view does not carry', () => {
    // Prepare
    const record: _Record = {
      eventID: 'e2',
      eventName: 'REMOVE',
      dynamodb: { Keys: { Path: { S: 'p' }, Section: { S: 's' } }, StreamViewType: 'KEYS_ONLY' },
    };

    // Act
    const lambda = toLambdaRecord(record, streamArn);

    // Assess
    expect(lambda.dynamodb).toEqual({
      Keys: { Path: { S: 'p' }, Section: { S: 's' } },
      StreamViewType: 'KEYS_ONLY',
    });
    expect(lambda.awsRegion).toBe('us-east-1');
  });
});
