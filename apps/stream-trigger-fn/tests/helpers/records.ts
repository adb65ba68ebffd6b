// Stream record factories: raw views encoded by core-model, wrapped the way Lambda delivers them.
import { encodeRawView, engagementUpsert, type RawView, viewKey } from '@footfall/core-model';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/** 2026-03-02T10:15:00Z: every default view lands in hour 10 of that UTC day. */
export const T0 = Date.UTC(2026, 2, 2, 10, 15);

let counter = 0;
/** A fresh, valid raw view (a unique, non-bot desktop view of `/` on example.com); fields can be overridden. */
export function rawView(overrides: Partial<RawView> = {}): RawView {
  counter++;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    id,
    site: 'example.com',
    path: '/',
    time: T0,
    unique: true,
    bot: false,
    browser: 'Firefox',
    os: 'Linux',
    device: 'desktop',
    country: 'DE',
    referrer: 'news.ycombinator.com',
    expiresAt: Math.floor(T0 / 1000) + 30 * 86_400,
    ...overrides,
  };
}

/** A view with engagement values set (what the item looks like after an engagement event). */
export const engaged = (v: RawView, duration: number, scroll: number): RawView => ({
  ...v,
  duration,
  scroll,
});

/** An image as Lambda delivers it (the same AttributeValue JSON shape as the SDK's, for these types). */
export const image = (v: RawView) => encodeRawView(v) as Record<string, AttributeValue>;

/**
 * The item an engagement that arrived before its pageview leaves: what `engagementUpsert` sets on a new key
 * (no Page: nothing to count until the pageview joins it).
 */
export function pendingImage(v: RawView, duration: number, scroll: number): Record<string, AttributeValue> {
  const update = engagementUpsert(v.id, duration, scroll, v.expiresAt);
  const item: Record<string, AttributeValue> = {
    ...(update.Key as unknown as Record<string, AttributeValue>),
  };
  for (const [ref, name] of Object.entries(update.ExpressionAttributeNames)) {
    const value = update.ExpressionAttributeValues[`:${ref.slice(1)}`];
    if (value !== undefined) item[name] = value as AttributeValue;
  }
  return item;
}

let sequence = 100_000_000_000_000_000_000n;
/** The next stream sequence number (21 digits, increasing). */
export const nextSequence = (): string => (sequence++).toString();

function record(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  keys: Record<string, AttributeValue>,
  images: { OldImage?: Record<string, AttributeValue>; NewImage?: Record<string, AttributeValue> },
  sequenceNumber: string,
): DynamoDBRecord {
  return {
    eventID: `event-${sequenceNumber}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(T0 / 1000),
      Keys: keys,
      ...images,
      SequenceNumber: sequenceNumber,
      SizeBytes: 300,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/footfall/stream/2026-01-01T00:00:00.000',
  };
}

const keysOf = (v: RawView) => viewKey(v.id) as unknown as Record<string, AttributeValue>;

/** The INSERT record of a new view. */
export const insert = (v: RawView, seq = nextSequence()): DynamoDBRecord =>
  record('INSERT', keysOf(v), { NewImage: image(v) }, seq);

/** The MODIFY record of a view changing from `before` to `after` (an engagement arriving). */
export const modify = (before: RawView, after: RawView, seq = nextSequence()): DynamoDBRecord =>
  record('MODIFY', keysOf(after), { OldImage: image(before), NewImage: image(after) }, seq);

/** A record of an item from raw images (early engagement, or images a test builds by hand). */
export const rawRecord = (
  eventName: 'INSERT' | 'MODIFY',
  v: RawView,
  images: { OldImage?: Record<string, AttributeValue>; NewImage: Record<string, AttributeValue> },
  seq = nextSequence(),
): DynamoDBRecord => record(eventName, keysOf(v), images, seq);

/** The REMOVE record of a view expiring by TTL. */
export const remove = (v: RawView, seq = nextSequence()): DynamoDBRecord =>
  record('REMOVE', keysOf(v), { OldImage: image(v) }, seq);

/** A stream event holding `records` (of any shape: poison tests put garbage in it). */
export const streamEvent = (records: unknown[]): DynamoDBStreamEvent =>
  ({ Records: records }) as DynamoDBStreamEvent;
