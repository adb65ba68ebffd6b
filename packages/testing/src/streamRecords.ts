// DynamoDB stream records as Lambda delivers them: raw views encoded by core-model, or any key and images.
import {
  encodeRawEvent,
  encodeRawView,
  engagementUpsert,
  eventKey,
  type Key,
  type RawEvent,
  type RawView,
  viewKey,
} from '@footfall/core-model';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/** An item or key as a stream record carries it. */
export type StreamImage = Record<string, AttributeValue>;

/** The stream ARN records name when a test does not care which stream they came from. */
export const TEST_STREAM_ARN =
  'arn:aws:dynamodb:us-east-1:000000000000:table/footfall/stream/2026-01-01T00:00:00.000';

let sequence = 100_000_000_000_000_000_000n;
/** The next stream sequence number (21 digits, increasing). */
export const nextSequence = (): string => (sequence++).toString();

/** A stored view's image as the stream shows it (the same AttributeValue JSON shape as the SDK's). */
export const image = (v: RawView): StreamImage => encodeRawView(v) as StreamImage;

/** A key as the stream shows it. */
export const keyImage = (key: Key): StreamImage => key as unknown as StreamImage;

/**
 * The item an engagement that arrived before its pageview leaves: what `engagementUpsert` sets on a new key
 * (no Page: nothing to count until the pageview joins it).
 */
export function pendingImage(v: RawView, duration: number, scroll: number): StreamImage {
  const update = engagementUpsert(v.id, duration, scroll, v.expiresAt);
  const item: StreamImage = { ...keyImage(update.Key) };
  for (const [ref, name] of Object.entries(update.ExpressionAttributeNames)) {
    const value = update.ExpressionAttributeValues[`:${ref.slice(1)}`];
    if (value !== undefined) item[name] = value as AttributeValue;
  }
  return item;
}

/**
 * A record of a write to the item with `keys`; `images` as the stream view type NEW_AND_OLD_IMAGES carries them.
 * @example streamRecord('INSERT', keyImage(seriesKey(site, day)), { NewImage: item })
 */
export function streamRecord(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  keys: StreamImage,
  images: { OldImage?: StreamImage; NewImage?: StreamImage },
  options: { sequenceNumber?: string; streamArn?: string; time?: number } = {},
): DynamoDBRecord {
  const sequenceNumber = options.sequenceNumber ?? nextSequence();
  return {
    eventID: `event-${sequenceNumber}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor((options.time ?? Date.UTC(2026, 2, 2, 10, 15)) / 1000),
      Keys: keys,
      ...images,
      SequenceNumber: sequenceNumber,
      SizeBytes: 300,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: options.streamArn ?? TEST_STREAM_ARN,
  };
}

const keysOf = (v: RawView) => keyImage(viewKey(v.id));

/** The INSERT record of a new view. */
export const insert = (v: RawView, seq = nextSequence()): DynamoDBRecord =>
  streamRecord('INSERT', keysOf(v), { NewImage: image(v) }, { sequenceNumber: seq });

/** The MODIFY record of a view changing from `before` to `after` (an engagement arriving). */
export const modify = (before: RawView, after: RawView, seq = nextSequence()): DynamoDBRecord =>
  streamRecord(
    'MODIFY',
    keysOf(after),
    { OldImage: image(before), NewImage: image(after) },
    { sequenceNumber: seq },
  );

/** A record of a view's item from raw images (early engagement, or images a test builds by hand). */
export const rawRecord = (
  eventName: 'INSERT' | 'MODIFY',
  v: RawView,
  images: { OldImage?: StreamImage; NewImage: StreamImage },
  seq = nextSequence(),
): DynamoDBRecord => streamRecord(eventName, keysOf(v), images, { sequenceNumber: seq });

/** The REMOVE record of a view expiring by TTL. */
export const remove = (v: RawView, seq = nextSequence()): DynamoDBRecord =>
  streamRecord('REMOVE', keysOf(v), { OldImage: image(v) }, { sequenceNumber: seq });

/** The INSERT record of a new custom event (events are written once, so they have no other record). */
export const eventInsert = (e: RawEvent, seq = nextSequence()): DynamoDBRecord =>
  streamRecord(
    'INSERT',
    keyImage(eventKey(e.id)),
    { NewImage: encodeRawEvent(e) as StreamImage },
    { sequenceNumber: seq },
  );

/** A stream event holding `records` (of any shape: poison tests put garbage in it). */
export const streamEvent = (records: unknown[]): DynamoDBStreamEvent =>
  ({ Records: records }) as DynamoDBStreamEvent;
