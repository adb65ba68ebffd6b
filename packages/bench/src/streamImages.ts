// The stream records a workload's ingest produces, built from api-fn's own enrichment instead of read back from
// DynamoDB Local: 110,000 ingest writes would take most of the benchmark's time on this machine. The long-tail
// benchmark checks these records against the real stream of the first sends before it uses them.

import type { CustomEvent, PageviewEvent } from '@footfall/core-model';
import {
  decodeKey,
  encodeRawEvent,
  encodeRawView,
  enrichEvent,
  enrichPageview,
  eventKey,
  type RawView,
  VIEW_SECTION,
  viewKey,
} from '@footfall/core-model';
import { parseUserAgent } from '@footfall/ua';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Send } from './workload';

const RETENTION_DAYS = 30;

/**
 * The records of `sends` as the stream would carry them: an INSERT per pageview, a MODIFY per engagement that
 * raises the stored duration or scroll (ingest keeps the largest), nothing for an engagement that changes nothing,
 * and an INSERT per custom event (on its own item; a repeated id writes nothing).
 */
export function streamRecordsOf(sends: readonly Send[], streamArn = 'arn:bench'): DynamoDBRecord[] {
  const stored = new Map<string, RawView>();
  const records: DynamoDBRecord[] = [];
  let sequence = 10n ** 20n;
  const push = (eventName: 'INSERT' | 'MODIFY', before: RawView | undefined, after: RawView) => {
    sequence += 1n;
    const image = encodeRawView(after) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];
    records.push({
      eventID: sequence.toString(16),
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        Keys: viewKey(after.id) as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
        NewImage: image,
        ...(before ? { OldImage: encodeRawView(before) as typeof image } : {}),
        SequenceNumber: sequence.toString(),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: streamArn,
    });
  };
  const events = new Set<string>();
  for (const s of sends) {
    if (s.kind === 'event') {
      if (events.has(s.body.id)) continue;
      events.add(s.body.id);
      const event = enrichEvent(s.body as CustomEvent, parseUserAgent(s.userAgent), s.time, RETENTION_DAYS);
      sequence += 1n;
      records.push({
        eventID: sequence.toString(16),
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'us-east-1',
        dynamodb: {
          Keys: eventKey(event.id) as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
          NewImage: encodeRawEvent(event) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'],
          SequenceNumber: sequence.toString(),
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
        eventSourceARN: streamArn,
      });
    } else if (s.kind === 'pageview') {
      if (stored.has(s.body.id)) continue;
      const view = enrichPageview(
        s.body as PageviewEvent,
        parseUserAgent(s.userAgent),
        s.time,
        RETENTION_DAYS,
      );
      stored.set(view.id, view);
      push('INSERT', undefined, view);
    } else if (s.kind === 'engagement') {
      const before = stored.get(s.body.id);
      if (!before) continue;
      const after = {
        ...before,
        duration: Math.max(before.duration ?? 0, s.body.duration),
        scroll: Math.max(before.scroll ?? 0, s.body.scroll),
      };
      if (after.duration === before.duration && after.scroll === before.scroll) continue;
      stored.set(after.id, after);
      push('MODIFY', before, after);
    }
  }
  return records;
}

/** True for a record of a raw view item (not of a custom event). */
export function isViewRecord(r: DynamoDBRecord): boolean {
  const key = decodeKey(r.dynamodb?.Keys);
  return key.ok && key.value.section === VIEW_SECTION;
}

/** The part of a record that ingest decides (what the trigger reads): event name and images. */
export const recordContent = (r: DynamoDBRecord) => ({
  eventName: r.eventName,
  newImage: r.dynamodb?.NewImage,
  oldImage: r.dynamodb?.OldImage,
});
