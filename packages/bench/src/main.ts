// `pnpm bench`: measures every SPEC §6 figure, prints them with their budgets, writes bench/results.json and
// docs/benchmarks.md, and exits non-zero when a budget is missed or the counts are wrong.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '@footfall/dynamodb-local';
import { measureBeacon } from './beaconSize';
import { costPerMillionViews, templateMemory } from './cost';
import { measureCpu } from './handlerCpu';
import { measureLoadTime } from './loadTime';
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

async function main(): Promise<number> {
  const repo = findRepoRoot();
  for (const f of [
    'apps/api-fn/dist/index.mjs',
    'apps/stream-trigger-fn/dist/index.mjs',
    'packages/beacon/dist/beacon.js',
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
  console.error('bench: handler CPU (DynamoDB answered in-process)…');
  const pageviews = sends.filter((s): s is PageviewSend => s.kind === 'pageview');
  const cpu = await measureCpu(pageviews, units.sampleRecords);
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
    figures.push({
      name: `write units per page view, batches of ${x.batchSize}`,
      value: x.writeUnitsPerView,
      unit: 'WCU',
      budget,
      detail: `ingest ${x.ingestPerView.toFixed(3)} + aggregation ${x.aggregationPerView.toFixed(3)}; counts ${x.countsMatch ? 'match' : 'WRONG'}`,
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
    name: 'read units, one dashboard load (31 days)',
    value: units.dashboardReadUnits,
    unit: 'RCU',
    budget: 40,
    detail: Object.entries(units.dashboardReadDetail)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
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
