import { decodeKey, decodeStoredView, encodeRawView, realtimeKey, viewIdOf } from '@footfall/core-model';
import type { DynamoDBRecord } from 'aws-lambda';
import { startTriggerOnNewTable } from './functions';

export interface RealtimeResult {
  /** Added write units per view, records arriving 20 a second in batches of 100. */
  busyPerView: number;
  /** Added write units per view, one record per batch. */
  quietPerView: number;
  views: number;
}

/**
 * Gives the records arrival times `gapMs` apart, as if they were happening now: each view keeps one time (its
 * pageview's), so engagement records still match the view they change.
 */
function arriving(records: readonly DynamoDBRecord[], start: number, gapMs: number): DynamoDBRecord[] {
  const times = new Map<string, number>();
  return records.map((r, i) => {
    const key = decodeKey(r.dynamodb?.Keys);
    const id = key.ok ? key.value.path : '';
    if (!times.has(id)) times.set(id, start + i * gapMs);
    const time = times.get(id) ?? start;
    const d = r.dynamodb ?? {};
    // A view's image is re-encoded at its new time; an early engagement's image has no time to move.
    const retimed = (image: typeof d.NewImage) => {
      const stored = decodeStoredView(image);
      return stored.ok && stored.value.kind === 'view'
        ? (encodeRawView({ ...stored.value.view, time }) as typeof image)
        : image;
    };
    return {
      ...r,
      dynamodb: {
        ...d,
        ...(d.NewImage ? { NewImage: retimed(d.NewImage) } : {}),
        ...(d.OldImage ? { OldImage: retimed(d.OldImage) } : {}),
      },
    };
  });
}

/** When a record's view was seen (0 for an early engagement, which has no time). */
const timeOf = (r: DynamoDBRecord): number => {
  const stored = decodeStoredView(r.dynamodb?.NewImage);
  return stored.ok && stored.value.kind === 'view' ? stored.value.view.time : 0;
};

/** Replays records, the trigger's clock a second past each batch's newest record; returns the minute items' units. */
async function replayRealtime(
  endpoint: string,
  tableName: string,
  records: DynamoDBRecord[],
  batchSize: number,
) {
  const trigger = await startTriggerOnNewTable({ tableName, endpoint });
  for (let i = 0; i < records.length; i += batchSize) {
    const batch = records.slice(i, i + batchSize);
    const out = await trigger.deliver(batch, Math.max(...batch.map(timeOf)) + 1_000);
    if (out.batchItemFailures.length > 0) throw new Error(`realtime replay: batch at ${i} failed`);
  }
  await trigger.stop();
  // The meter groups writes by their Section's first part: the minute items' is realtimeKey's.
  const key = decodeKey(realtimeKey('', ''));
  const kind = key.ok ? (key.value.section.split('#')[0] ?? '') : '';
  return trigger.meter.writeUnitsByKind.get(kind) ?? 0;
}

/**
 * Measures realtime's added write units on the first `count` records of a workload: at 20 records a second in
 * batches of 100 (a site busy enough to fill a batch inside the 5 s window) and at one record a minute in
 * batches of 1 (a quiet site).
 */
export async function measureRealtime(
  endpoint: string,
  records: readonly DynamoDBRecord[],
  count = 5_000,
): Promise<RealtimeResult> {
  // Views only: custom events have no realtime item (their records would only dilute the figure per view).
  const part = records
    .filter((r) => {
      const key = decodeKey(r.dynamodb?.Keys);
      return key.ok && viewIdOf(key.value) !== undefined;
    })
    .slice(0, count);
  const views = part.filter((r) => r.eventName === 'INSERT').length;
  // From now on: DynamoDB Local deletes items whose TTL (an hour after their minute) has passed.
  const start = Math.floor(Date.now() / 60_000) * 60_000;
  const busy = await replayRealtime(endpoint, 'bench-realtime-busy', arriving(part, start, 50), 100);
  const quietPart = part.slice(0, 1_000);
  const quietViews = quietPart.filter((r) => r.eventName === 'INSERT').length;
  const quiet = await replayRealtime(endpoint, 'bench-realtime-quiet', arriving(quietPart, start, 60_000), 1);
  return { busyPerView: busy / views, quietPerView: quiet / quietViews, views };
}
