// Import markers: one item per site, source and UTC day an import writes, claimed before the day's aggregates and
// marked done after them, so no rerun counts a day twice (docs/compat.md, "Importing the original table").
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { err, ok } from '@footfall/kernel';
import { aggregateKey, type SectionRange, sitePartition } from './aggregateKeys';
import { type Decoded, type Item, int, item, oneOf, optional, str } from './attributes';
import type { UpdateParts } from './commandParts';
import { DecodeError } from './errors';
import { type Key, PARTITION_KEY } from './keys';
import { parseDay } from './time';

/** Where imported data comes from: `legacy` is the original system's table (`footfall import legacy`). */
export const IMPORT_SOURCES = ['legacy'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** `started`: claimed, its aggregates may be partly written; `done`: every aggregate of the day was written. */
export const IMPORT_STATES = ['started', 'done'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/** One day of one import. */
export interface ImportMarker {
  site: string;
  source: ImportSource;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  state: ImportState;
  /** The run that claimed the day: only it may mark the day done or release it. */
  runId: string;
  /** What the counts were read from (the original table's name), for the operator. */
  from: string;
  /** Views the day's import adds (its series total). */
  views: number;
  /** Epoch ms. */
  startedAt: number;
  /** Epoch ms, once done. */
  finishedAt?: number | undefined;
  /** Writes of the day DynamoDB refused for good, kept as dead letters (`footfall dead-letters list`). */
  deadLettered?: number | undefined;
}

const SECTION = /^import#([a-z]+)#(\d{4}-\d{2}-\d{2})$/;

/** `import#<source>#<day>` in the site's aggregate partition (no other aggregate's Section starts so). */
export const importMarkerKey = (site: string, source: ImportSource, day: string): Key =>
  aggregateKey(site, `import#${source}#${day}`);

/** The markers of one import source over a UTC day range. */
export const importMarkerRange = (
  site: string,
  source: ImportSource,
  fromDay: string,
  toDay: string,
): SectionRange => ({
  partition: sitePartition(site),
  from: `import#${source}#${fromDay}`,
  to: `import#${source}#${toDay}`,
});

const markerAttributes = item({
  Path: str({ maxLength: 300, pattern: /^site#/ }),
  Section: str({ maxLength: 40, pattern: SECTION }),
  State: oneOf(IMPORT_STATES),
  RunId: str({ maxLength: 100 }),
  From: str({ maxLength: 1024, allowEmpty: true }),
  Views: int({ min: 0 }),
  StartedAt: int({ min: 0 }),
  FinishedAt: optional(int({ min: 0 })),
  DeadLettered: optional(int({ min: 0 })),
});

/** Decodes a marker item; the error names the attribute. */
export function decodeImportMarker(image: unknown, path = ''): Decoded<ImportMarker> {
  const d = markerAttributes.decode(image, path);
  if (!d.ok) return d;
  const a = d.value;
  const [, source = '', day = ''] = SECTION.exec(a.Section) ?? [];
  const known = IMPORT_SOURCES.find((s) => s === source);
  if (known === undefined || !parseDay(day).ok)
    return err(
      new DecodeError(
        path === '' ? 'Section' : `${path}.Section`,
        `import#<${IMPORT_SOURCES.join('|')}>#<day>`,
        JSON.stringify(a.Section),
      ),
    );
  return ok({
    site: a.Path.slice('site#'.length),
    source: known,
    day,
    state: a.State,
    runId: a.RunId,
    from: a.From,
    views: a.Views,
    startedAt: a.StartedAt,
    finishedAt: a.FinishedAt,
    deadLettered: a.DeadLettered,
  });
}

/** A PutItem that only succeeds on a day no run has claimed. */
export interface ImportClaim {
  Item: Item;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
}

/**
 * Claims a day for a run before any of its aggregates is written: the marker, put as `started` only where the
 * day has none, so of two runs (or a rerun) only one ever writes the day.
 * @example importClaim({ site, source: 'legacy', day, runId, from: 'analytics', views: 12, startedAt: Date.now() })
 */
export function importClaim(m: Omit<ImportMarker, 'state' | 'finishedAt' | 'deadLettered'>): ImportClaim {
  const { Path, Section } = importMarkerKey(m.site, m.source, m.day);
  return {
    Item: markerAttributes.encode({
      Path: Path.S,
      Section: Section.S,
      State: 'started',
      RunId: m.runId,
      From: m.from,
      Views: m.views,
      StartedAt: m.startedAt,
      FinishedAt: undefined,
      DeadLettered: undefined,
    }),
    ConditionExpression: 'attribute_not_exists(#p)',
    ExpressionAttributeNames: { '#p': PARTITION_KEY },
  };
}

const ownedByRun = (
  runId: string,
): { names: Record<string, string>; values: Record<string, AttributeValue> } => ({
  names: { '#state': 'State', '#run': 'RunId' },
  values: { ':started': { S: 'started' }, ':run': { S: runId } },
});

/** Marks a day done, only while it is still the claiming run's `started` marker. */
export function importDone(
  site: string,
  source: ImportSource,
  day: string,
  runId: string,
  result: { finishedAt: number; deadLettered: number },
): UpdateParts {
  const { names, values } = ownedByRun(runId);
  return {
    Key: importMarkerKey(site, source, day),
    UpdateExpression: 'SET #state = :done, #fin = :fin, #dl = :dl',
    ConditionExpression: '#state = :started AND #run = :run',
    ExpressionAttributeNames: { ...names, '#fin': 'FinishedAt', '#dl': 'DeadLettered' },
    ExpressionAttributeValues: {
      ...values,
      ':done': { S: 'done' },
      ':fin': { N: String(result.finishedAt) },
      ':dl': { N: String(result.deadLettered) },
    },
  };
}

/** A conditional DeleteItem. */
export interface ConditionalDelete {
  Key: Key;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, AttributeValue>;
}

/**
 * Gives a claimed day back, for when none of its aggregates was written (the writer rolled every write back):
 * deletes the marker only while it is still the claiming run's `started` one, so a rerun imports the day.
 */
export function importRelease(
  site: string,
  source: ImportSource,
  day: string,
  runId: string,
): ConditionalDelete {
  const { names, values } = ownedByRun(runId);
  return {
    Key: importMarkerKey(site, source, day),
    ConditionExpression: '#state = :started AND #run = :run',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
