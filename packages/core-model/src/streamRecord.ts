// Turns one stream record of any shape into a view change to aggregate, a record to skip, or a poison record.
import { describe, str } from './attributes';
import { decodeRawEvent, EVENT_SECTION, type RawEvent } from './customEvents';
import { DecodeError } from './errors';
import { decodeKey } from './keys';
import { decodeStoredView, type RawView, sameViewIdentity, VIEW_SECTION } from './layout';

/**
 * A view was recorded (`before` absent: a new item, or engagement that arrived first and now has its
 * pageview) or its engagement changed: aggregate the difference.
 */
export interface ViewChange {
  kind: 'change';
  sequenceNumber: string;
  before?: RawView;
  after: RawView;
}

/** A custom event was stored (its INSERT: events are written once). */
export interface EventRecord {
  kind: 'event';
  sequenceNumber: string;
  event: RawEvent;
}

/** A well-formed record the trigger does not aggregate (a delete, a non-view item). */
export interface SkippedRecord {
  kind: 'skip';
  sequenceNumber: string;
  reason: string;
}

/** A record that could not be decoded; logged, kept as a dead letter and skipped, so it never blocks its shard. */
export interface UnreadableRecord {
  kind: 'poison';
  /** Absent when the record is too broken to carry one. */
  sequenceNumber?: string;
  error: DecodeError;
}

export type DecodedRecord = ViewChange | EventRecord | SkippedRecord | UnreadableRecord;

/** Stream sequence numbers are decimal strings of 21 to 40 digits; accept any digit run up to 40. */
const sequenceNumberCodec = str({ maxLength: 40, pattern: /^\d+$/ });

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function poison(error: DecodeError, sequenceNumber?: string): UnreadableRecord {
  return sequenceNumber === undefined ? { kind: 'poison', error } : { kind: 'poison', sequenceNumber, error };
}

/** Reads a record's sequence number without judging the rest of it (for batch failure responses). */
export function sequenceNumberOf(record: unknown, index: number): string | undefined {
  if (!isObject(record) || !isObject(record.dynamodb)) return undefined;
  const s = sequenceNumberCodec.decode(
    { S: record.dynamodb.SequenceNumber },
    `Records[${index}].dynamodb.SequenceNumber`,
  );
  return s.ok ? s.value : undefined;
}

/**
 * Decodes record `index` of a stream event. Never throws: anything malformed (missing images, wrong
 * types, oversized values, a non-object) becomes a poison record whose error names the attribute path,
 * e.g. `Records[3].dynamodb.NewImage.Time`.
 * @example decodeRecord(event.Records[0], 0).kind === 'change'
 */
export function decodeRecord(record: unknown, index: number): DecodedRecord {
  const at = `Records[${index}]`;
  if (!isObject(record)) return poison(new DecodeError(at, 'stream record object', describe(record)));
  const d = record.dynamodb;
  if (!isObject(d)) return poison(new DecodeError(`${at}.dynamodb`, 'object', describe(d)));
  const seqRaw = d.SequenceNumber;
  if (typeof seqRaw !== 'string')
    return poison(new DecodeError(`${at}.dynamodb.SequenceNumber`, 'string', describe(seqRaw)));
  const seq = sequenceNumberCodec.decode({ S: seqRaw }, `${at}.dynamodb.SequenceNumber`);
  if (!seq.ok) return poison(seq.error);
  const sequenceNumber = seq.value;

  const eventName = record.eventName;
  if (typeof eventName !== 'string')
    return poison(
      new DecodeError(`${at}.eventName`, 'INSERT, MODIFY or REMOVE', describe(eventName)),
      sequenceNumber,
    );
  // Deletes (TTL expiry included) leave aggregates alone: counters are kept after raw views expire.
  if (eventName !== 'INSERT' && eventName !== 'MODIFY')
    return { kind: 'skip', sequenceNumber, reason: `${eventName.slice(0, 20)} event` };

  const key = decodeKey(d.Keys, `${at}.dynamodb.Keys`);
  if (!key.ok) return poison(key.error, sequenceNumber);
  if (key.value.section === EVENT_SECTION) {
    // An event is counted on its INSERT only; ingest never changes one, so a MODIFY has nothing new to count.
    if (eventName !== 'INSERT') return { kind: 'skip', sequenceNumber, reason: 'event item changed' };
    const event = decodeRawEvent(d.NewImage, `${at}.dynamodb.NewImage`);
    if (!event.ok) return poison(event.error, sequenceNumber);
    return { kind: 'event', sequenceNumber, event: event.value };
  }
  if (key.value.section !== VIEW_SECTION) return { kind: 'skip', sequenceNumber, reason: 'not a view item' };

  const after = decodeStoredView(d.NewImage, `${at}.dynamodb.NewImage`);
  if (!after.ok) return poison(after.error, sequenceNumber);
  // Engagement that arrived before its pageview: nothing to count until the pageview joins it.
  if (after.value.kind === 'pending')
    return { kind: 'skip', sequenceNumber, reason: 'engagement awaiting its pageview' };
  if (eventName === 'INSERT') return { kind: 'change', sequenceNumber, after: after.value.view };
  // Without the old image an engagement change cannot be told from a new view: counting it would double it.
  const before = decodeStoredView(d.OldImage, `${at}.dynamodb.OldImage`);
  if (!before.ok) return poison(before.error, sequenceNumber);
  if (before.value.kind === 'pending') return { kind: 'change', sequenceNumber, after: after.value.view };
  // Once stored, only a view's engagement changes; anything else is a write this trigger does not understand.
  if (!sameViewIdentity(before.value.view, after.value.view))
    return poison(
      new DecodeError(
        `${at}.dynamodb.NewImage`,
        'the same view with new engagement',
        'a view whose fields changed',
      ),
      sequenceNumber,
    );
  return { kind: 'change', sequenceNumber, before: before.value.view, after: after.value.view };
}
