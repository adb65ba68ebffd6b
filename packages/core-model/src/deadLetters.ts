// Dead letters: what the trigger set aside because DynamoDB refused it for good, kept for an operator to replay.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ok } from '@footfall/kernel';
import { bigint, type Decoded, int, item, map, oneOf, optional, str } from './attributes';
import { type DeleteParts, itemExists, type UpdateParts } from './commandParts';
import { itemKey, type Key } from './keys';

/** The partition holding every dead letter, in time order by Section. */
export const DEAD_LETTER_PARTITION = 'dead#letters';

/** Kinds of dead letter: an aggregate update DynamoDB refused, or a stream record that could not be read. */
export const DEAD_LETTER_KINDS = ['update', 'record'] as const;
export type DeadLetterKind = (typeof DEAD_LETTER_KINDS)[number];

/** One set-aside contribution. */
export interface DeadLetter {
  /** Sort key: `<ISO time>#<unique suffix>`. */
  id: string;
  kind: DeadLetterKind;
  /** Epoch ms when it was set aside. */
  at: number;
  /** Why DynamoDB or the decoder refused it (error name and message). */
  error: string;
  /** The stream record's sequence number it came from, when known. */
  source?: string | undefined;
  /** `update`: the item the update targeted and the counters it adds (attribute → delta). */
  target?: { path: string; section: string } | undefined;
  adds?: Record<string, bigint> | undefined;
  /** `record`: the record as JSON (cut at 64 KB). */
  record?: string | undefined;
  /** When a replay claimed it (a record replay that did not finish shows here). */
  claimedAt?: number | undefined;
}

/** Largest stored record text: keeps a dead letter far below DynamoDB's 400 KB item limit. */
export const DEAD_LETTER_RECORD_CHARS = 65_536;

const deadLetterAttributes = item({
  Path: oneOf([DEAD_LETTER_PARTITION]),
  Section: str({ maxLength: 200 }),
  Kind: oneOf(DEAD_LETTER_KINDS),
  At: int({ min: 0 }),
  Error: str({ maxLength: 2000, allowEmpty: true }),
  Source: optional(str({ maxLength: 100 })),
  TargetPath: optional(str({ maxLength: 300 })),
  TargetSection: optional(str({ maxLength: 300 })),
  Adds: optional(map(bigint())),
  Record: optional(str({ maxLength: DEAD_LETTER_RECORD_CHARS })),
  ReplayClaimedAt: optional(int({ min: 0 })),
});

/** Cuts text to at most `max` UTF-16 units without splitting a surrogate pair (which would not be text). */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

/** The key of a dead letter. */
export const deadLetterKey = (id: string): Key => itemKey(DEAD_LETTER_PARTITION, id);

/** A sortable, unique dead-letter id. @example deadLetterId(0, 'x') === '1970-01-01T00:00:00.000Z#x' */
export const deadLetterId = (at: number, suffix: string): string => `${new Date(at).toISOString()}#${suffix}`;

/** Encodes a dead letter as a full item for PutItem. */
export function encodeDeadLetter(d: DeadLetter): Record<string, AttributeValue> {
  return deadLetterAttributes.encode({
    Path: DEAD_LETTER_PARTITION,
    Section: d.id,
    Kind: d.kind,
    At: d.at,
    Error: cut(d.error, 2000),
    Source: d.source,
    TargetPath: d.target?.path,
    TargetSection: d.target?.section,
    Adds: d.adds,
    Record: d.record === undefined ? undefined : cut(d.record, DEAD_LETTER_RECORD_CHARS),
    ReplayClaimedAt: d.claimedAt,
  });
}

/** Decodes a dead-letter item; the error names the attribute. */
export function decodeDeadLetter(image: unknown, path = ''): Decoded<DeadLetter> {
  const d = deadLetterAttributes.decode(image, path);
  if (!d.ok) return d;
  const a = d.value;
  return ok({
    id: a.Section,
    kind: a.Kind,
    at: a.At,
    error: a.Error,
    source: a.Source,
    target:
      a.TargetPath !== undefined && a.TargetSection !== undefined
        ? { path: a.TargetPath, section: a.TargetSection }
        : undefined,
    adds: a.Adds,
    record: a.Record,
    claimedAt: a.ReplayClaimedAt,
  });
}

/** The attribute a replay sets while it counts a kept record, so a second replay leaves it alone. */
const CLAIM = 'ReplayClaimedAt';

/**
 * The two writes of one transaction that replay an `update` letter: its counters added to their item, and the
 * letter deleted (refused when another replay took it first); undefined for a letter that holds no update.
 */
export function deadLetterReplay(
  letter: DeadLetter,
): { update: UpdateParts; delete: DeleteParts } | undefined {
  if (letter.kind !== 'update' || !letter.target || !letter.adds) return undefined;
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  const clauses = Object.entries(letter.adds).map(([name, delta], i) => {
    names[`#a${i}`] = name;
    values[`:a${i}`] = { N: delta.toString() };
    return `#a${i} :a${i}`;
  });
  if (clauses.length === 0) return undefined;
  return {
    update: {
      Key: itemKey(letter.target.path, letter.target.section),
      UpdateExpression: `ADD ${clauses.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    delete: { Key: deadLetterKey(letter.id), ...itemExists },
  };
}

/** Claims a letter for a replay at `now`; refused when it is gone or another replay claimed it. */
export const deadLetterClaim = (id: string, now: number): UpdateParts => ({
  Key: deadLetterKey(id),
  UpdateExpression: 'SET #c = :now',
  ConditionExpression: `${itemExists.ConditionExpression} AND attribute_not_exists(#c)`,
  ExpressionAttributeNames: { ...itemExists.ExpressionAttributeNames, '#c': CLAIM },
  ExpressionAttributeValues: { ':now': { N: String(now) } },
});

/** Releases a claim whose counting failed, so a later replay can try again. */
export const deadLetterRelease = (id: string): Omit<UpdateParts, 'ExpressionAttributeValues'> => ({
  Key: deadLetterKey(id),
  UpdateExpression: 'REMOVE #c',
  ExpressionAttributeNames: { '#c': CLAIM },
});

/** Every attribute name of dead-letter items (for the check that nothing else spells them). */
export const deadLetterAttributeNames = (): string[] => [...deadLetterAttributes.names];
