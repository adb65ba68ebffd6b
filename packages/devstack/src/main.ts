// `pnpm dev`: reads the environment, starts the stack, prints where everything is and stops it on Ctrl-C/SIGTERM.
import { DynamoDBLocalError, findRepoRoot } from '@footfall/dynamodb-local';
import { LocalLambdaError } from '@footfall/local-lambda';
import { printBanner } from './banner';
import { loadDevConfig } from './config';
import { DevstackError } from './errors';
import { type Stack, startStack } from './startStack';

const say = (line = '') => process.stdout.write(`${line}\n`);

function explain(error: unknown): string {
  // Expected failures (no Java, port taken, apps not built) read better without a stack trace.
  if (
    error instanceof DevstackError ||
    error instanceof DynamoDBLocalError ||
    error instanceof LocalLambdaError
  )
    return error.message;
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    return `${error.message}: another process uses that port; set PORT, DEMO_PORT or DYNAMODB_PORT`;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function main(): Promise<void> {
  // Node 20 on a dev machine is fine for local runs; the SDK's deprecation notice would open every start.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const repoRoot = findRepoRoot();
  const config = loadDevConfig(process.env, repoRoot);
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
  // The fault switch: see what an owner sees when counting stalls (`footfall status`, the dashboard's banner).
  process.on('SIGUSR2', () => {
    if (stack.faults.triggerStopped()) stack.faults.startTrigger();
    else stack.faults.stopTrigger();
  });
  printBanner(say, stack, { dataDir: c.dataDir, repoRoot, passwordFromEnv: c.adminPassword !== undefined });
}

// Only as the entry point: importing this file (a test reading an export) must not start a stack.
if (require.main === module) void main();
