// Runs a built Lambda bundle in a worker thread with its own environment, like one Lambda function locally.
import { randomUUID } from 'node:crypto';
import { existsSync, type Stats, unwatchFile, watchFile } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { Result } from '@footfall/kernel';
import { BundleMissingError } from './errors';

/** How to run one function. */
export interface LocalLambdaOptions {
  /** Function name, used in logs and in the context object. */
  name: string;
  /** Absolute path of the bundle file (e.g. apps/api-fn/dist/index.js). */
  bundlePath: string;
  /** Exported handler name (the part after the dot in `index.handler`). */
  exportName: string;
  /** The function's whole environment: nothing of the dev stack's own environment leaks in. */
  env: Record<string, string>;
  timeoutMs: number;
  memoryMb: number;
  region: string;
  /** Receives each line the function logs, already prefixed with its name. */
  output: (line: string) => void;
  /** Reload the bundle when it changes on disk (hot reload after `pnpm build`). */
  watch?: boolean;
}

/** Why an invocation failed, as Lambda reports it (`errorType`, `errorMessage`). */
export interface InvokeError {
  errorType: string;
  errorMessage: string;
  stack?: string | undefined;
}

/** How one invocation runs. */
export interface InvokeOptions {
  /**
   * The time (epoch ms) the function's `Date.now()` reads throughout this invocation: a harness replaying a
   * recorded workload at its own times. Real time when left out; the deadline is always real.
   */
  clockMs?: number;
}

/** The function's JSON result, or its error. */
export type InvokeResult = Result<unknown, InvokeError>;

interface Pending {
  resolve: (result: InvokeResult) => void;
  timer: NodeJS.Timeout;
}

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'init-error'; error: InvokeError }
  | { type: 'result'; id: number; ok: true; json: string }
  | { type: 'result'; id: number; ok: false; error: InvokeError };

/** One worker: a Lambda execution environment, kept until the bundle changes or an invocation times out. */
class Sandbox {
  readonly worker: Worker;
  readonly pending = new Map<number, Pending>();
  readonly ready: Promise<Result<void, InvokeError>>;
  private nextId = 1;
  private dead = false;

  constructor(
    private readonly options: LocalLambdaOptions,
    private readonly onDeath: (sandbox: Sandbox) => void,
  ) {
    this.worker = new Worker(join(__dirname, 'lambdaRuntime.cjs'), {
      env: options.env,
      stdout: true,
      stderr: true,
      workerData: {
        bundlePath: options.bundlePath,
        exportName: options.exportName,
        functionName: options.name,
        memoryMb: options.memoryMb,
        region: options.region,
      },
    });
    this.pipe(this.worker.stdout);
    this.pipe(this.worker.stderr);
    this.ready = new Promise((resolve) => {
      const onMessage = (message: WorkerMessage) => {
        if (message.type === 'ready') resolve({ ok: true, value: undefined });
        if (message.type === 'init-error') resolve({ ok: false, error: message.error });
        if (message.type === 'ready' || message.type === 'init-error') this.worker.off('message', onMessage);
      };
      this.worker.on('message', onMessage);
      this.worker.once('exit', () =>
        resolve({ ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: 'runtime exited' } }),
      );
    });
    this.worker.on('message', (message: WorkerMessage) => {
      if (message.type !== 'result') return;
      const pending = this.pending.get(message.id);
      if (pending === undefined) return;
      this.pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.ok) pending.resolve({ ok: true, value: JSON.parse(message.json) as unknown });
      else pending.resolve({ ok: false, error: message.error });
    });
    // An uncaught exception or unhandled rejection ends the runtime, as it does in Lambda.
    this.worker.on('error', (error) =>
      this.die({ errorType: 'Runtime.ExitError', errorMessage: String(error) }),
    );
    this.worker.on('exit', () =>
      this.die({ errorType: 'Runtime.ExitError', errorMessage: `${options.name} runtime exited` }),
    );
  }

  private pipe(stream: Readable): void {
    createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) =>
      this.options.output(`[${this.options.name}] ${line}`),
    );
  }

  invoke(event: unknown, options: InvokeOptions = {}): Promise<InvokeResult> {
    if (this.dead) {
      return Promise.resolve({
        ok: false,
        error: { errorType: 'Runtime.ExitError', errorMessage: 'runtime exited' },
      });
    }
    const id = this.nextId++;
    const requestId = randomUUID();
    const deadlineMs = Date.now() + this.options.timeoutMs;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.options.output(
          `[${this.options.name}] ${requestId} Task timed out after ${this.options.timeoutMs / 1000} seconds`,
        );
        // Lambda discards the execution environment of a timed-out invocation; so do we.
        this.die({
          errorType: 'Sandbox.Timedout',
          errorMessage: `Task timed out after ${(this.options.timeoutMs / 1000).toFixed(2)} seconds`,
        });
      }, this.options.timeoutMs);
      this.pending.set(id, { resolve, timer });
      // Events travel as JSON, as they do to a real function (no Dates, no undefined members).
      this.worker.postMessage({
        type: 'invoke',
        id,
        requestId,
        deadlineMs,
        clockMs: options.clockMs,
        event: JSON.parse(JSON.stringify(event)),
      });
    });
  }

  die(error: InvokeError): void {
    if (!this.dead) {
      this.dead = true;
      this.onDeath(this);
      void this.worker.terminate();
    }
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.resolve({ ok: false, error });
    }
  }

  async terminate(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }
}

/**
 * A locally running Lambda function: each invocation goes to a worker thread holding the loaded bundle.
 * @example const fn = new LocalLambda({ name: 'api-fn', bundlePath, exportName: 'handler', ... }); await fn.invoke(event);
 */
export class LocalLambda {
  private current: Sandbox | undefined;
  private readonly retiring = new Set<Sandbox>();
  private unwatch: (() => void) | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(readonly options: LocalLambdaOptions) {
    if (!existsSync(options.bundlePath)) throw new BundleMissingError(options.name, options.bundlePath);
    if (options.watch) this.watchBundle();
  }

  /** Starts an execution environment now (a cold start) and reports whether the bundle loaded. */
  warm(): Promise<Result<void, InvokeError>> {
    return this.sandbox().ready;
  }

  /** Invokes the function with an event; resolves with its result or its error, never rejects. */
  invoke(event: unknown, options: InvokeOptions = {}): Promise<InvokeResult> {
    if (this.stopped) {
      return Promise.resolve({
        ok: false,
        error: { errorType: 'Stopped', errorMessage: `${this.options.name} is stopped` },
      });
    }
    return this.sandbox().invoke(event, options);
  }

  /** Sends further invocations to a fresh environment that loads the bundle again; running ones finish first. */
  reload(): void {
    const old = this.current;
    this.current = undefined;
    if (old !== undefined) this.retire(old);
  }

  /** Ends every environment and stops watching the bundle. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unwatch?.();
    clearTimeout(this.reloadTimer);
    const all = [...this.retiring, ...(this.current === undefined ? [] : [this.current])];
    this.current = undefined;
    this.retiring.clear();
    await Promise.all(all.map((sandbox) => sandbox.terminate()));
  }

  private sandbox(): Sandbox {
    this.current ??= new Sandbox(this.options, (dead) => {
      if (this.current === dead) this.current = undefined;
      this.retiring.delete(dead);
    });
    return this.current;
  }

  private retire(sandbox: Sandbox): void {
    if (sandbox.pending.size === 0) {
      void sandbox.terminate();
      return;
    }
    this.retiring.add(sandbox);
    const check = setInterval(() => {
      if (sandbox.pending.size > 0 && !this.stopped) return;
      clearInterval(check);
      this.retiring.delete(sandbox);
      void sandbox.terminate();
    }, 50);
  }

  private watchBundle(): void {
    // Stat polling survives the build deleting and recreating dist/, which fs.watch on the folder would not.
    const onChange = (current: Stats, previous: Stats) => {
      if (current.mtimeMs === previous.mtimeMs || current.mtimeMs === 0) return;
      // A build writes the file in several steps; reload once it has settled.
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => {
        if (this.stopped || !existsSync(this.options.bundlePath)) return;
        this.options.output(`[${this.options.name}] bundle changed, reloading`);
        this.reload();
      }, 300);
    };
    watchFile(this.options.bundlePath, { interval: 1000, persistent: false }, onChange);
    this.unwatch = () => unwatchFile(this.options.bundlePath, onChange);
  }
}
