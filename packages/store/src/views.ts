// Raw view writes of ingest: one conditional upsert per pageview, and engagement kept at its largest.
import { UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import {
  DAY_MS,
  type DecodeError,
  decodeStoredEngagement,
  engagementRaise,
  engagementUpsert,
  pageviewUpsert,
  type RawView,
} from '@footfall/core-model';
import { ok } from '@footfall/kernel';
import { isConditionalCheckFailed } from './awsErrors';
import type { Table } from './table';

/** How long engagement that arrived before its pageview is kept waiting for it. */
const PENDING_ENGAGEMENT_MS = DAY_MS;

/** Tries of the read-and-raise step before giving up on a view whose engagement keeps changing under it. */
const RAISE_ATTEMPTS = 4;

/** Sends one conditional write; the write units it cost, or the item a failed condition returned. */
async function conditionalWrite(
  table: Table,
  parts: Omit<UpdateItemCommandInput, 'TableName'>,
): Promise<{ written: true; writeUnits: number } | { written: false; item: unknown }> {
  try {
    const out = await table.dynamodb.send(
      new UpdateItemCommand({ TableName: table.tableName, ...parts, ReturnConsumedCapacity: 'TOTAL' }),
    );
    return { written: true, writeUnits: out.ConsumedCapacity?.CapacityUnits ?? 0 };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return { written: false, item: (error as { Item?: unknown }).Item };
  }
}

/**
 * Stores one pageview on its raw view item: a new item, or the one an early engagement created. The write is
 * conditional on no pageview being recorded yet, so a beacon retried with the same id is counted once
 * (`duplicate`, which is still a success to the client).
 * @example await recordPageview(table, enrichPageview(event, parseUserAgent(ua), Date.now(), 30));
 */
export async function recordPageview(
  table: Table,
  view: RawView,
): Promise<{ status: 'recorded' | 'duplicate'; writeUnits: number }> {
  const out = await conditionalWrite(table, pageviewUpsert(view));
  return out.written
    ? { status: 'recorded', writeUnits: out.writeUnits }
    : { status: 'duplicate', writeUnits: 0 };
}

/**
 * How recording engagement ended: written (the usual single write, or a raise), nothing to change (an older
 * report), given way to concurrent reports, or left alone because the stored item does not decode.
 */
export type EngagementOutcome =
  | { status: 'written' | 'unchanged'; writeUnits: number }
  | { status: 'gave-way'; writeUnits: number; attempts: number }
  | { status: 'unreadable'; writeUnits: number; error: DecodeError };

/** One engagement report: the largest duration (s) and scroll (%) a page reported. */
export interface EngagementReport {
  duration: number;
  scroll: number;
}

/**
 * Records engagement as the largest duration and scroll ever reported for a view, whatever order reports
 * arrive in (SPEC §3). One write in the usual case (values that only grow); an engagement that arrives before
 * its pageview creates the item (expiring a day after `now` unless the pageview comes), which the pageview then
 * joins; a report smaller in one value and larger in the other is merged with the stored one under an
 * optimistic condition.
 * @example await recordEngagement(table, id, { duration: 42, scroll: 80 }, Date.now());
 */
export async function recordEngagement(
  table: Table,
  id: string,
  report: EngagementReport,
  now: number,
): Promise<EngagementOutcome> {
  const pendingExpiresAt = Math.floor((now + PENDING_ENGAGEMENT_MS) / 1000);
  const first = await conditionalWrite(table, {
    ...engagementUpsert(id, report.duration, report.scroll, pendingExpiresAt),
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  });
  if (first.written) return { status: 'written', writeUnits: first.writeUnits };
  let stored = storedEngagementOf(first.item);
  for (let attempt = 0; attempt < RAISE_ATTEMPTS; attempt++) {
    if (!stored.ok) return { status: 'unreadable', writeUnits: 0, error: stored.error };
    const next = {
      duration: Math.max(report.duration, stored.value.duration ?? 0),
      scroll: Math.max(report.scroll, stored.value.scroll ?? 0),
    };
    // An older report of a view already further along: nothing to change.
    if (next.duration === stored.value.duration && next.scroll === stored.value.scroll)
      return { status: 'unchanged', writeUnits: 0 };
    const raised = await conditionalWrite(table, {
      ...engagementRaise(id, next, stored.value, pendingExpiresAt),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    if (raised.written) return { status: 'written', writeUnits: raised.writeUnits };
    stored = storedEngagementOf(raised.item);
  }
  if (!stored.ok) return { status: 'unreadable', writeUnits: 0, error: stored.error };
  // Concurrent reports kept raising it meanwhile: the larger values are stored already or about to be.
  return { status: 'gave-way', writeUnits: 0, attempts: RAISE_ATTEMPTS };
}

/** The engagement a refused write returned (none stored when the item did not exist yet). */
const storedEngagementOf = (item: unknown) =>
  item === undefined ? ok({ duration: undefined, scroll: undefined }) : decodeStoredEngagement(item);
