// Cold-load time of each Lambda bundle against a bundle holding only DynamoDBClient + one command (SPEC §6).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lambdaBundleOptions } from '@footfall/config/lambda-bundle.mjs';
import { build } from 'esbuild';

export interface LoadTimeResult {
  hyperfine: string;
  runs: number;
  bareNodeMs: number;
  referenceMs: number;
  referenceBytes: number;
  bundles: { name: string; bytes: number; medianMs: number; ratio: number }[];
}

/** Builds the reference bundle with the same esbuild options the apps use (each app's scripts/build.mjs: ESM). */
async function referenceBundle(repo: string): Promise<string> {
  const dir = join(tmpdir(), 'footfall-bench-reference');
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';\n` +
      `const client = new DynamoDBClient({});\n` +
      `export const handler = async () => client.send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'a = :a' }));\n`,
  );
  const outdir = join(dir, 'dist');
  rmSync(outdir, { recursive: true, force: true });
  // The apps' own options (code splitting included: the SDK's lazy credential providers stay lazy).
  await build({
    ...lambdaBundleOptions(entry, outdir),
    sourcemap: false,
    nodePaths: [join(repo, 'packages/bench/node_modules')],
  });
  const outfile = join(outdir, 'index.mjs');
  return outfile;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Times importing each bundle in fresh Node processes with hyperfine, all commands in one run. */
export async function measureLoadTime(repo: string, runs = 60): Promise<LoadTimeResult> {
  const reference = await referenceBundle(repo);
  const bundles = [
    { name: 'api-fn', file: join(repo, 'apps/api-fn/dist/index.mjs') },
    { name: 'stream-trigger-fn', file: join(repo, 'apps/stream-trigger-fn/dist/index.mjs') },
  ];
  // What Lambda does on a cold start: load the handler module (and only what it imports eagerly).
  const req = (f: string) => `node --input-type=module -e "await import('${f}')"`;
  const commands = ['node -e 0', req(reference), ...bundles.map((b) => req(b.file))];
  const out = join(tmpdir(), 'footfall-bench-hyperfine.json');
  const version = execFileSync('hyperfine', ['--version'], { encoding: 'utf8' }).trim();
  // This machine is shared: with the same bundles, one hyperfine run put the ratio anywhere from 0.8 to 1.2,
  // because a burst of load lasting a few seconds lands on whichever command is running. So the runs are
  // cut into many short rounds over all commands (a burst then hits all of them alike), each round gives a
  // ratio of medians measured within seconds of each other, and the figure is the median of those ratios.
  const rounds = Math.max(1, Math.ceil(runs / 3));
  const times: number[][] = commands.map(() => []);
  const roundRatios: number[][] = bundles.map(() => []);
  for (let round = 0; round < rounds; round++) {
    execFileSync(
      'hyperfine',
      ['--warmup', '1', '--runs', '3', '--shell=none', '--style', 'none', '--export-json', out, ...commands],
      {
        stdio: ['ignore', 'ignore', 'ignore'],
        env: {
          ...process.env,
          // What the functions read at load in AWS; values are placeholders, nothing is called.
          TABLE_NAME: 'bench',
          ALLOWED_SITES: 'example.com',
          AUTH_KEY_PARAMETER: '/footfall/auth-key',
          AWS_REGION: 'us-east-1',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
    );
    const results = JSON.parse(readFileSync(out, 'utf8')).results as { times: number[] }[];
    results.forEach((r, i) => {
      times[i]?.push(...r.times);
    });
    const refRound = median(results[1]?.times ?? []);
    bundles.forEach((_, i) => {
      roundRatios[i]?.push(median(results[i + 2]?.times ?? []) / refRound);
    });
  }
  const ms = times.map((t) => median(t) * 1000);
  const [bare = 0, ref = 0, ...apps] = ms;
  return {
    hyperfine: version,
    runs,
    bareNodeMs: bare,
    referenceMs: ref,
    referenceBytes: statSync(reference).size,
    bundles: bundles.map((b, i) => ({
      name: b.name,
      bytes: statSync(b.file).size,
      medianMs: apps[i] ?? 0,
      ratio: median(roundRatios[i] ?? []),
    })),
  };
}
