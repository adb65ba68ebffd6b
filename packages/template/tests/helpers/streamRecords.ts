// Builds DynamoDB stream records shaped like the ones Lambda delivers, for filter tests.
import type { DynamoDBRecord } from 'aws-lambda';

type EventName = 'INSERT' | 'MODIFY' | 'REMOVE';

/** A record for a write to the item with this key; images follow from the event name as in a real stream. */
export function streamRecord(
  eventName: EventName,
  path: string,
  section: string,
  sequence = '100',
): DynamoDBRecord {
  const keys = { Path: { S: path }, Section: { S: section } };
  const image = { ...keys, Views: { N: '1' } };
  return {
    eventID: `event-${sequence}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: 1767225600,
      Keys: keys,
      ...(eventName === 'INSERT' ? {} : { OldImage: image }),
      ...(eventName === 'REMOVE' ? {} : { NewImage: image }),
      SequenceNumber: sequence,
      SizeBytes: 64,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2026-01-01T00:00:00.000',
  };
}

/** A REMOVE made by DynamoDB's TTL process: it carries the service principal as userIdentity. */
export function ttlRemoveRecord(path: string, section: string): DynamoDBRecord {
  return {
    ...streamRecord('REMOVE', path, section),
    userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
  };
}
