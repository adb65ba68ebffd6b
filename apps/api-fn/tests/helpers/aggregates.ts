// Hand-written aggregate items for reporting tests, built only through core-model (DeltaSet, counterUpdates).
import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { counterUpdates, DeltaSet, type Item, type RawView } from '@footfall/core-model';

/** A stored view with sensible defaults (a desktop Chrome view from Germany via google.com). */
export function rawView(overrides: Partial<RawView> = {}): RawView {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    site: 'example.com',
    path: '/',
    time: Date.UTC(2026, 2, 1, 10, 30),
    unique: true,
    bot: false,
    browser: 'Chrome',
    os: 'Windows',
    device: 'desktop',
    country: 'DE',
    referrer: 'google.com',
    expiresAt: 0,
    ...overrides,
  };
}

/** The counter deltas of a set of views, as the trigger would compute them. */
export function deltasOf(views: readonly RawView[]): DeltaSet {
  const set = new DeltaSet();
  for (const v of views) set.addChange(undefined, v);
  return set;
}

/** The aggregate items a fresh table would hold after `views` were counted (for mocked Query answers). */
export function itemsOf(views: readonly RawView[]): Item[] {
  return deltasOf(views)
    .entries()
    .map((e) => {
      const item: Item = { ...e.key };
      for (const [attribute, delta] of e.adds) item[attribute] = { N: delta.toString() };
      return item;
    });
}

/** Writes the aggregates of `views` into a real table with the trigger's own UpdateItem calls. */
export async function writeAggregates(
  dynamodb: DynamoDBClient,
  tableName: string,
  views: readonly RawView[],
): Promise<void> {
  for (const e of deltasOf(views).entries())
    for (const input of counterUpdates(tableName, e.key, e.adds))
      await dynamodb.send(new UpdateItemCommand(input));
}
