// `pnpm dev`: reads the environment, starts the stack, prints where everything is and stops it on Ctrl-C/SIGTERM.
import { relative } from 'node:path';
import { DynamoDBLocalError, findRepoRoot } from '@footfall/dynamodb-local';
import { loadDevConfig } from './config';
import { dataPath } from './dataFiles';
import { DevstackError } from './errors';
import { type Stack, startStack } from './startStack';

/** The line tests and scripts wait for. */
export const READY_LINE = 'Footfall dev stack ready';

const say = (line = '') => process.stdout.write(`${line}\n`);

function explain(error: unknown): string {
  // Expected failures (no Java, port taken, apps not built) read better without a stack trace.
  if (error instanceof DevstackError || error instanceof DynamoDBLocalError) return error.message;
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    return `${error.message}: another process uses that port; set PORT, DEMO_PORT or DYNAMODB_PORT`;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function banner(stack: Stack, dataDir: string): void {
  const shownDir = relative(process.cwd(), dataDir) || '.';
  say();
  say(READY_LINE);
  say(`  Dashboard   ${stack.urls.dashboard}   (user admin)`);
  say(`  Demo site   ${stack.urls.demo}`);
  say(`  API         ${stack.urls.api}`);
  say(`  DynamoDB    ${stack.urls.dynamodb}   (pid ${stack.pids.dynamodb}, data in ${shownDir})`);
  if (stack.adminPasswordGenerated) {
    say(`  Admin password (generated, shown once): ${stack.adminPassword}`);
    say(
      `    kept in ${relative(process.cwd(), dataPath(dataDir, 'adminPassword'))}; set DEV_ADMIN_PASSWORD to choose one`,
    );
  } else if (process.env.DEV_ADMIN_PASSWORD === undefined || process.env.DEV_ADMIN_PASSWORD === '') {
    say(
      `  Admin password: as shown on the first start (kept in ${relative(process.cwd(), dataPath(dataDir, 'adminPassword'))})`,
    );
  }
  say('Press Ctrl-C to stop.');
  say();
}

async function main(): Promise<void> {
  // Node 20 on a dev machine is fine for local runs; the SDK's deprecation notice would open every start.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const config = loadDevConfig(process.env, findRepoRoot());
  if (!config.ok) {
    process.stderr.write(`pnpm dev: ${config.error.message}\n`);
    process.exit(2);
  }
  const c = config.value;
  say(
    `Starting Footfall: DynamoDB Local, api-fn, the stream poller and the demo site (data in ${c.dataDir})…`,
  );
  let stack: Stack;
  try {
    stack = await startStack({
      dataDir: c.dataDir,
      port: c.port,
      demoPort: c.demoPort,
      dynamodbPort: c.dynamodbPort,
      adminPassword: c.adminPassword,
      tableName: c.tableName,
      logLevel: c.logLevel,
      pollIntervalMs: c.pollIntervalMs,
    });
  } catch (error) {
    process.stderr.write(`pnpm dev failed to start: ${explain(error)}\n`);
    process.exit(1);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C means now; DynamoDB Local still dies with us (parent-death signal).
      process.exit(130);
    }
    stopping = true;
    say(`\n${signal}: stopping…`);
    stack.stop().then(
      () => {
        say('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${explain(error)}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  banner(stack, c.dataDir);
}

void main();
