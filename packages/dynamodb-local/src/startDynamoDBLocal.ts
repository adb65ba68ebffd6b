// Starts DynamoDB Local (the jar shipped in amplify-dynamodb-simulator) as a child process and stops it cleanly.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from './clientConfig';
import { JarNotFoundError, JavaMissingError, StartError } from './errors';

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

/** Every child still running, killed synchronously when this process exits so none is orphaned. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/** Locates DynamoDBLocal.jar: DYNAMODB_LOCAL_JAR, else amplify-dynamodb-simulator's emulator folder. */
export function resolveJar(): { jar: string; libDir: string } {
  const override = process.env.DYNAMODB_LOCAL_JAR;
  let jar: string;
  if (override !== undefined && override !== '') {
    jar = override;
  } else {
    let pkg: string;
    try {
      pkg = require.resolve('amplify-dynamodb-simulator/package.json');
    } catch (cause) {
      throw new JarNotFoundError(undefined, { cause });
    }
    jar = join(dirname(pkg), 'emulator', 'DynamoDBLocal.jar');
  }
  if (!existsSync(jar)) throw new JarNotFoundError(jar);
  return { jar, libDir: join(dirname(jar), 'DynamoDBLocal_lib') };
}

const SETPRIV = '/usr/bin/setpriv';

/**
 * Wraps the command in `setpriv --pdeathsig KILL` where available: the kernel then kills java even when this
 * process dies without running exit handlers (SIGKILL, a Jest worker force-killed). setpriv execs, so the pid is java's.
 */
function withParentDeathSignal(command: string, args: string[]): [string, string[]] {
  if (process.platform !== 'linux' || !existsSync(SETPRIV)) return [command, args];
  return [SETPRIV, ['--pdeathsig', 'KILL', command, ...args]];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not allocate a port'));
      });
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
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
  const { jar, libDir } = resolveJar();
  const args = [`-Djava.library.path=${libDir}`, '-jar', jar, '-port', String(port), '-disableTelemetry'];
  if (options.dbPath !== undefined) args.push('-dbPath', options.dbPath);
  else args.push('-inMemory');
  if (options.sharedDb) args.push('-sharedDb');

  installExitHook();
  const [command, commandArgs] = withParentDeathSignal('java', args);
  const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dirname(jar) });
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
    failure ??= new StartError(`java exited early (code ${code}, signal ${signal})`, output);
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
