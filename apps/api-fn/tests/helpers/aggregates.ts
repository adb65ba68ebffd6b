// Aggregate items for reporting tests, written from raw views by store's `aggregate` (the trigger's own writer).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type Item, type RawView, ViewDelta } from '@footfall/core-model';
import { type AggregateOptions, aggregate } from '@footfall/store';
import { rawView as baseRawView } from '@footfall/testing';
import { memoryDynamo } from './mockTable';

/** A stored view for reporting tests: a desktop Chrome view from Germany via google.com on 2026-03-01 10:30 UTC. */
export const rawView = (overrides: Partial<RawView> = {}): RawView =>
  baseRawView({
    id: '00000000-0000-4000-8000-000000000000',
    time: Date.UTC(2026, 2, 1, 10, 30),
    browser: 'Chrome',
    os: 'Windows',
    referrer: 'google.com',
    expiresAt: 0,
    ...overrides,
  });

/** What `views` add to the aggregates, folded as the trigger folds their stream records. */
export function deltaOf(views: readonly RawView[]): ViewDelta {
  const delta = new ViewDelta();
  for (const v of views) delta.addChange(undefined, v);
  return delta;
}

/**
 * Writes the aggregates of `views` into a table with store's `aggregate` (lower `caps` to reach the distinct
 * value caps with a few views); throws unless all of it landed.
 */
export async function writeAggregates(
  dynamodb: DynamoDBClient,
  tableName: string,
  views: readonly RawView[],
  options: Pick<AggregateOptions, 'caps'> = {},
): Promise<void> {
  const outcome = await aggregate({ dynamodb, tableName }, deltaOf(views), options);
  if (outcome.status !== 'applied')
    throw new Error(`aggregate ${outcome.status}: ${String(outcome.cause ?? outcome.reason)}`);
  if (outcome.setAside.length > 0)
    throw new Error(`aggregate set writes aside: ${JSON.stringify(outcome.setAside)}`);
}

/** The aggregate items a fresh table would hold after `views` were counted (for mocked read answers). */
export async function itemsOf(views: readonly RawView[]): Promise<Item[]> {
  const { client, table } = memoryDynamo();
  await writeAggregates(client, 'footfall-memory', views);
  return table.items();
}
