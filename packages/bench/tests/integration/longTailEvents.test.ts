// The long-tail measurement on a small day of the same shape: its custom events are sent through api-fn, their
// synthesised stream records equal the real stream, every replay counts them exactly, and their write units are
// reported apart.
import { measureLongTail } from '../../src/longTail';
import { longTailWorkload } from '../../src/longTailWorkload';

jest.setTimeout(600_000);

test('a small long-tail day with custom events: ingest, stream, counts and units per event', async () => {
  // Prepare: 1,500 views (about 75 events) two days ago, inside the raw items' TTL.
  const start = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 2 * 86_400_000;
  const sends = longTailWorkload({ start, views: 1_500, paths: 600, referrerHosts: 150, campaigns: 30 });

  // Act
  const r = await measureLongTail(sends, 'docs.example', () => {}, 1_000);

  // Assess
  expect(r.events).toBeGreaterThan(40);
  expect(r.recordsMatchStream).toBe(true);
  expect(r.eventIngestSample).toBeGreaterThan(10);
  expect(r.eventIngestPerEvent).toBe(1);
  for (const b of r.batches) {
    expect([b.batchSize, b.mismatches]).toEqual([b.batchSize, []]);
    expect(b.events).toBeGreaterThan(0);
    expect(b.eventAggregationPerEvent).toBeGreaterThan(0);
  }
  expect(r.largestItem.bytes).toBeLessThanOrEqual(1024);
  if (process.env.BENCH_PRINT)
    console.log(
      JSON.stringify(
        r.batches.map((b) => [
          b.batchSize,
          b.writeUnitsPerView,
          b.eventAggregationPerEvent,
          b.writeUnitsByKind,
        ]),
      ),
    );
});
