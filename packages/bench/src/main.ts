// `pnpm bench`: measures every SPEC §6 figure, prints them with their budgets, writes bench/results.json and
// docs/benchmarks.md, and exits non-zero when a budget is missed or the counts are wrong.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '@footfall/dynamodb-local';
import { measureBeacon } from './beaconSize';
import { costPerMillionViews, templateMemory } from './cost';
import { measureFlood } from './flood';
import { floodWorkload } from './floodWorkload';
import { measureCpu } from './handlerCpu';
import { measureLoadTime } from './loadTime';
import { measureLongTail } from './longTail';
import { longTailWorkload } from './longTailWorkload';
import { type Figure, renderMarkdown, renderTable } from './report';
import { measureUnits } from './units';
import { type PageviewSend, referenceWorkload } from './workload';

function ensureHyperfine(): void {
  try {
    execFileSync('hyperfine', ['--version'], { stdio: 'ignore' });
  } catch {
    if (process.getuid?.() !== 0) throw new Error('hyperfine is missing: apt-get install -y hyperfine');
    console.error('bench: installing hyperfine (apt-get)…');
    execFileSync('apt-get', ['install', '-y', '-qq', 'hyperfine'], { stdio: 'inherit' });
  }
}

/** The flood's size (× SPEC §6) and arrival rate (requests per second) on this machine. */
const FLOOD_SCALE = 0.25;
const FLOOD_RATE = 100;

async function main(): Promise<number> {
  const repo = findRepoRoot();
  for (const f of [
    'apps/api-fn/dist/index.mjs',
    'apps/stream-trigger-fn/dist/index.mjs',
    'packages/beacon/dist/beacon.js',
    'packages/beacon/dist/events.js',
  ])
    if (!existsSync(join(repo, f)))
      throw new Error(`${f} is missing: run pnpm build first (pnpm bench does)`);
  ensureHyperfine();
  const started = Date.now();

  // The workload starts at a UTC midnight 8 days ago so that raw views are within their TTL; its shape
  // depends only on the seed, so every figure below is the same run to run (load and CPU times aside).
  const start = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 8 * 86_400_000;
  const sends = referenceWorkload({ seed: 20261126, start });
  console.error(
    `bench: ${sends.length} sends (${sends.filter((s) => s.kind === 'pageview').length} pageviews)`,
  );

  // Load time first, while nothing else of the benchmark (DynamoDB Local above all) is using the CPU.
  console.error('bench: bundle load time (hyperfine)…');
  const load = await measureLoadTime(repo);
  console.error('bench: write and read units (DynamoDB Local, real stream)…');
  const units = await measureUnits(sends, [1, 10, 100]);
  console.error('bench: warm handler time (bundles, DynamoDB answered by a stub)…');
  const pageviews = sends.filter((s): s is PageviewSend => s.kind === 'pageview');
  const cpu = await measureCpu(pageviews, units.sampleRecords);
  console.error('bench: long-tail workload (60,000 views, 20,000 paths; DynamoDB Local)…');
  const longTailStart = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 2 * 86_400_000;
  const longTail = await measureLongTail(longTailWorkload({ start: longTailStart }), 'docs.example', (l) =>
    console.error(`bench: ${l}`),
  );
  // The flood at a quarter of SPEC §6's size, arriving at 100 requests a second (twice the default ingest
  // throttle): how late ordinary views get depends on the rate, not the length, once the pipeline is steady.
  console.error('bench: flood workload (a quarter of SPEC §6 at 100 requests/s; real stream and poller)…');
  const flood = await measureFlood(
    floodWorkload({ start: Date.now(), scale: FLOOD_SCALE, gapMs: 1000 / FLOOD_RATE }),
    'example.com',
    (l) => console.error(`bench: ${l}`),
  );
  const beacon = measureBeacon(repo);

  const b = (n: number) => units.batches.find((x) => x.batchSize === n);
  const b100 = b(100);
  const mem = templateMemory(join(repo, 'template.yaml'));
  const cost = costPerMillionViews({
    requestsPerView: (units.views + units.engagementEvents) / units.views,
    apiMsPerRequest: units.ingestMsPerRequest,
    apiMemoryMb: mem.api,
    triggerInvocationsPerView: (b100?.invocations ?? 0) / units.views,
    triggerMsPerInvocation: b100?.msPerInvocation ?? 0,
    triggerMemoryMb: mem.trigger,
    writeUnitsPerView: b100?.writeUnitsPerView ?? Number.POSITIVE_INFINITY,
  });

  const figures: Figure[] = [];
  for (const x of units.batches) {
    const budget = x.batchSize === 100 ? 2.5 : x.batchSize === 1 ? 8 : undefined;
    // A site whose batches hold one record is a quiet one, whose views are live: each also writes its minute's
    // realtime item. (The replay's views are days old, which realtime skips, so that cost is added here.)
    const realtime = x.batchSize === 1 ? longTail.realtime.quietPerView : 0;
    figures.push({
      name: `write units per page view, batches of ${x.batchSize}`,
      value: x.writeUnitsPerView + realtime,
      unit: 'WCU',
      budget,
      detail: `ingest ${x.ingestPerView.toFixed(3)} + aggregation ${x.aggregationPerView.toFixed(3)}${realtime ? ` + realtime ${realtime.toFixed(3)}` : ''}; counts ${x.countsMatch ? 'match' : 'WRONG'}`,
    });
    figures.push({
      name: `counts equal ground truth, batches of ${x.batchSize}`,
      value: x.countsMatch ? 1 : 0,
      unit: 'bool',
      budget: 1,
      atLeast: true,
    });
  }
  for (const x of load.bundles)
    figures.push({
      name: `${x.name} load time ÷ reference bundle`,
      value: x.ratio,
      unit: '×',
      budget: 1.15,
      detail: `${x.medianMs.toFixed(1)} ms vs ${load.referenceMs.toFixed(1)} ms (bare node ${load.bareNodeMs.toFixed(1)} ms); ${(x.bytes / 1024).toFixed(0)} KB`,
    });
  figures.push({
    name: 'beacon, minified + gzip',
    value: beacon.gzipBytes,
    unit: 'bytes',
    budget: 1024,
    detail: `${beacon.minifiedBytes} bytes minified`,
  });
  figures.push({
    name: 'beacon with custom events (events.js), gzip',
    value: beacon.events.gzipBytes,
    unit: 'bytes',
    budget: 1536,
    detail: `${beacon.events.minifiedBytes} bytes minified; outbound links, downloads, data-footfall-event`,
  });
  figures.push({
    name: 'read units, one dashboard load (31 days)',
    value: units.dashboardReadUnits,
    unit: 'RCU',
    budget: 40,
    detail: Object.entries(units.dashboardReadDetail)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  });
  for (const x of longTail.batches) {
    const budget = x.batchSize === 100 ? 4 : x.batchSize === 1000 ? 3 : undefined;
    const whole = x.views === longTail.views;
    figures.push({
      name: `long tail: write units per page view, batches of ${x.batchSize}${whole ? '' : ` (first ${x.records} records)`}`,
      value: x.writeUnitsPerView,
      unit: 'WCU',
      budget,
      detail: `ingest ${(x.writeUnitsPerView - x.aggregationPerView).toFixed(3)} + aggregation ${x.aggregationPerView.toFixed(3)}; counts ${x.countsMatch ? 'match' : `WRONG: ${x.mismatches.slice(0, 2).join('; ')}`}`,
    });
    figures.push({
      name: `long tail: counts equal ground truth, batches of ${x.batchSize}`,
      value: x.countsMatch ? 1 : 0,
      unit: 'bool',
      budget: 1,
      atLeast: true,
    });
  }
  for (const x of longTail.batches.filter((b) => b.views === longTail.views))
    figures.push({
      name: `long tail: write units per custom event, batches of ${x.batchSize}`,
      value: longTail.eventIngestPerEvent + x.eventAggregationPerEvent,
      unit: 'WCU',
      detail: `ingest ${longTail.eventIngestPerEvent.toFixed(3)} (${longTail.eventIngestSample} events sent through api-fn) + event, prop and conversion tries ${x.eventAggregationPerEvent.toFixed(3)} over ${x.events} events; already inside the per-view figures above`,
    });
  figures.push({
    name: 'long tail: synthesised stream records equal the real stream',
    value: longTail.recordsMatchStream ? 1 : 0,
    unit: 'bool',
    budget: 1,
    atLeast: true,
    detail: `first ${longTail.ingestSample} sends through api-fn: ${longTail.ingestPerRequest.toFixed(3)} WCU per request`,
  });
  figures.push({
    name: 'largest aggregate item, long tail and flood',
    value: Math.max(longTail.largestItem.bytes, flood.largestItem.bytes),
    unit: 'bytes',
    budget: 16_384,
    detail: `long tail ${longTail.largestItem.bytes} B (${longTail.largestItem.section}, ${longTail.largestItem.items} items, ${longTail.distinctPages} distinct pages); flood ${flood.largestItem.bytes} B (${flood.largestItem.section}, ${flood.largestItem.items} items)`,
  });
  figures.push({
    name: 'realtime: added write units per view, batches of 100 filled in 5 s',
    value: longTail.realtime.busyPerView,
    unit: 'WCU',
    budget: 0.05,
    detail: `long-tail records arriving 20/s, ${longTail.realtime.views} views; one record per batch (a quiet site) adds ${longTail.realtime.quietPerView.toFixed(3)}`,
  });
  figures.push({
    name: 'long tail: read units, one 31-day dashboard load',
    value: longTail.dashboard.readUnits,
    unit: 'RCU',
    budget: 250,
    detail: Object.entries(longTail.dashboard.readDetail)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  });
  figures.push({
    name: 'long tail: p95 latency, one 31-day dashboard load',
    value: longTail.dashboard.p95Ms / 1000,
    unit: 's',
    budget: 1.5,
    detail: `median ${(longTail.dashboard.medianMs / 1000).toFixed(2)} s over ${longTail.dashboard.loads} loads of 5 calls at once (DynamoDB Local)`,
  });
  figures.push({
    name: 'flood: ordinary views lost or counted after 30 s',
    value: flood.lost + flood.late,
    unit: 'views',
    budget: 0,
    detail: `${flood.ordinary} ordinary among ${flood.requests} requests at ${FLOOD_RATE}/s (${FLOOD_SCALE} × SPEC §6; ${flood.refused} refused); ${flood.lost} lost, ${flood.late} late; delay p95 ${(flood.p95DelayMs / 1000).toFixed(1)} s, max ${(flood.maxDelayMs / 1000).toFixed(1)} s`,
  });
  figures.push({
    name: 'flood: ordinary views counted exactly',
    value: flood.countsExact ? 1 : 0,
    unit: 'bool',
    budget: 1,
    atLeast: true,
    detail: flood.mismatches.slice(0, 3).join('; '),
  });
  figures.push({
    name: 'AWS cost per million page views',
    value: cost.total,
    unit: 'USD',
    budget: 4,
    detail: `HTTP API ${cost.httpApi.toFixed(2)} + Lambda requests ${cost.lambdaRequests.toFixed(2)} + Lambda GB-s ${cost.lambdaCompute.toFixed(3)} + DynamoDB writes ${cost.dynamodbWrites.toFixed(2)}`,
  });
  figures.push({
    name: 'ingest handler, warm, median',
    value: cpu.ingest.medianMs,
    unit: 'ms',
    detail: `p99 ${cpu.ingest.p99Ms.toFixed(3)} ms`,
  });
  figures.push({
    name: 'trigger, 100-record batch, warm, median',
    value: cpu.trigger100.medianMs,
    unit: 'ms',
    detail: `p99 ${cpu.trigger100.p99Ms.toFixed(3)} ms`,
  });

  const results = {
    measuredAt: new Date().toISOString(),
    seconds: (Date.now() - started) / 1000,
    figures,
    units: { ...units, sampleRecords: undefined },
    load,
    cpu,
    beacon,
    cost,
    longTail,
    flood,
  };
  mkdirSync(join(repo, 'bench'), { recursive: true });
  writeFileSync(join(repo, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(repo, 'docs/benchmarks.md'), renderMarkdown(results));
  console.log(renderTable(figures));
  for (const x of units.batches)
    if (!x.countsMatch) console.log(`counts wrong at batch ${x.batchSize}:\n  ${x.mismatches.join('\n  ')}`);
  const missed = figures.filter(
    (f) => f.budget !== undefined && (f.atLeast ? f.value < f.budget : f.value > f.budget),
  );
  console.log(missed.length === 0 ? 'bench: every budget met' : `bench: ${missed.length} budget(s) missed`);
  return missed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
