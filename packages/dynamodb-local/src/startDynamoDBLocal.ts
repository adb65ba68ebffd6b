// Starts DynamoDB Local (the jar shipped in amplify-dynamodb-simulator) as a child process and stops it cleanly.
import { type ChildProcess, spawn } from 'node:child_process';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from './clientConfig';
import { JavaMissingError, StartError } from './errors';
import { freePort } from './freePort';
import { hostProcess, processWide } from './hostProcess';
import { javaCommand } from './javaCommand';

/** How to run DynamoDB Local. */
export interface StartOptions {
  /** Port to listen on; 0 or undefined picks a free one. */
  port?: number;
  /** Directory to persist the database in; in memory when omitted. */
  dbPath?: string;
  /** One database for all credentials and regions. */
  sharedDb?: boolean;
  /** How long to wait for the first answer, in ms (default 30 000). */
  startTimeoutMs?: number;
  /** Extra JVM flags placed before -jar (e.g. `-Xmx512m`). */
  javaOptions?: readonly string[];
}

/** A running DynamoDB Local. */
export interface DynamoDBLocal {
  endpoint: string;
  port: number;
  pid: number;
  /** Stops the process (SIGTERM, SIGKILL after 3 s) and resolves once it has exited. */
  stop(): Promise<void>;
}

const STDERR_TAIL_CHARS = 4000;
const POLL_INTERVAL_MS = 100;
const KILL_GRACE_MS = 3000;

/** Every child still running in this OS process, killed synchronously on exit so none is orphaned. */
function runningChildren(): Set<ChildProcess> {
  return processWide('running-children', () => {
    const running = new Set<ChildProcess>();
    hostProcess().on('exit', () => {
      for (const child of running) child.kill('SIGKILL');
    });
    return running;
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  const running = runningChildren();
  const exited = waitForExit(child);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
  running.delete(child);
}

/** Spawns java once on a given port and waits until ListTables answers; rejects with the java output on failure. */
async function launch(
  port: number,
  options: StartOptions,
): Promise<{ child: ChildProcess; pid: number; endpoint: string }> {
  const { command, args, cwd } = javaCommand({ ...options, port });
  const running = runningChildren();
  // Its own process group: a Ctrl-C in the terminal reaches only the parent, which then stops java in
  // order (after in-flight writes), instead of java dying mid-batch; the parent-death signal and the exit
  // hook still make sure it never outlives the parent.
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd, detached: true });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  let failure: Error | undefined;
  child.once('error', (error: NodeJS.ErrnoException) => {
    failure = error.code === 'ENOENT' ? new JavaMissingError({ cause: error }) : error;
  });
  child.once('exit', (code, signal) => {
    running.delete(child);
    // The jar needs class file version 61 (Java 17); older JVMs refuse it with this error.
    failure ??= /UnsupportedClassVersionError/.test(output)
      ? new JavaMissingError({ cause: new Error(output) })
      : new StartError(`java exited early (code ${code}, signal ${signal})`, output);
  });
  if (child.pid !== undefined) running.add(child);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    ...localClientConfig(endpoint),
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 5000, throwOnRequestTimeout: true },
  });
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  try {
    for (;;) {
      if (failure !== undefined) throw failure;
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch {
        // Not listening yet; keep polling until the deadline.
      }
      if (Date.now() > deadline) {
        throw new StartError(
          `no answer on ${endpoint} within ${options.startTimeoutMs ?? 30_000} ms`,
          output,
        );
      }
      await sleep(POLL_INTERVAL_MS);
    }
  } catch (error) {
    await stopChild(child);
    throw error;
  } finally {
    client.destroy();
  }
  if (child.pid === undefined) throw new StartError('java has no pid', output);

  // Once ready, the child must not keep the parent alive; the exit hook still kills it.
  child.stdout?.removeListener('data', collect);
  child.stderr?.removeListener('data', collect);
  child.stdout?.resume();
  child.stderr?.resume();
  (child.stdout as { unref?: () => void } | null)?.unref?.();
  (child.stderr as { unref?: () => void } | null)?.unref?.();
  child.unref();
  return { child, pid: child.pid, endpoint };
}

/** Starts DynamoDB Local and resolves once it answers requests. */
export async function startDynamoDBLocal(options: StartOptions = {}): Promise<DynamoDBLocal> {
  const pickPort = options.port === undefined || options.port === 0;
  // A picked port can be taken between probing and java binding it; retry a couple of times then.
  const attempts = pickPort ? 3 : 1;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = pickPort ? await freePort() : (options.port as number);
    try {
      const { child, pid, endpoint } = await launch(port, options);
      let stopping: Promise<void> | undefined;
      return {
        endpoint,
        port,
        pid,
        stop: () => {
          stopping ??= stopChild(child);
          return stopping;
        },
      };
    } catch (error) {
      lastError = error;
      if (!(error instanceof StartError) || !/BindException|Address already in use/.test(error.stderrTail))
        break;
    }
  }
  throw lastError;
}
