// `pnpm dev`'s entry point as a real child process: it announces itself, serves, and leaves nothing behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { READY_LINE } from '../../src/banner';
import { isRunning, type ProcessInfo, processTree } from '../helpers/processTree';
import { signIn } from '../helpers/reporting';

jest.setTimeout(120_000);

const PACKAGE_DIR = join(__dirname, '..', '..');

let dataDir: string;
let child: ChildProcess | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'devstack-cli-'));
});

afterAll(() => {
  // Only if the test failed half-way: never leave the stack running.
  if (child?.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Resolves with everything printed once `line` has appeared, or rejects on exit or timeout. */
function waitForLine(proc: ChildProcess, line: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`no "${line}" within ${timeoutMs} ms:\n${seen}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      // The banner is printed in one go after the ready line; wait for its last line.
      if (seen.includes(line) && seen.includes('Press Ctrl-C')) {
        clearTimeout(timer);
        resolve(seen);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before "${line}":\n${seen}`));
    });
  });
}

function exited(proc: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (proc.exitCode !== null) return Promise.resolve(proc.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running after ${timeoutMs} ms`)), timeoutMs);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

async function stillRunningAfter(processes: ProcessInfo[], timeoutMs: number): Promise<ProcessInfo[]> {
  const deadline = Date.now() + timeoutMs;
  let running = processes.filter(isRunning);
  while (running.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    running = running.filter(isRunning);
  }
  return running;
}

const urlAfter = (text: string, label: string): string => {
  const match = new RegExp(`${label}\\s+(http://\\S+)`).exec(text);
  if (match?.[1] === undefined) throw new Error(`no ${label} URL in:\n${text}`);
  return match[1].replace(/\/$/, '');
};

test('the dev command starts on free ports, serves the API, demo and dashboard, and SIGTERM stops every process it started', async () => {
  // Prepare
  const password = 'correct horse battery staple';
  child = spawn(process.execPath, [require.resolve('tsx/cli'), 'src/main.ts'], {
    cwd: PACKAGE_DIR,
    env: {
      ...process.env,
      PORT: '0',
      DYNAMODB_PORT: '0',
      DEV_DATA_DIR: dataDir,
      DEV_ADMIN_PASSWORD: password,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const printed = await waitForLine(child, READY_LINE, 90_000);
  const api = urlAfter(printed, 'API');
  const demo = urlAfter(printed, 'Demo site');
  const started: ProcessInfo[] = processTree(child.pid ?? -1);

  // Act
  const demoPage = await fetch(`${demo}/`);
  const dashboard = await fetch(`${api}/dashboard`);
  const token = await signIn(api, 'admin', password);
  child.kill('SIGTERM');
  const code = await exited(child, 30_000);
  // tsx's esbuild helper ends on its own once its parent's pipe closes; give it a moment.
  const leftover = await stillRunningAfter(started, 5_000);

  // Assess
  expect(demoPage.status).toBe(200);
  expect(await demoPage.text()).toContain(`src="${api}/beacon.js"`);
  expect(dashboard.status).toBe(200);
  expect(token.length).toBeGreaterThan(0);
  expect(printed).not.toContain(password);
  expect(started.map((p) => p.command)).toEqual(expect.arrayContaining(['java', 'node']));
  expect(code).toBe(0);
  expect(leftover).toEqual([]);
});
