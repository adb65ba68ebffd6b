// Issue 18 end to end on `pnpm dev`'s stack: with the stream trigger stopped by the fault switch, views wait in
// the stream; `footfall status` (the real command, as a process) exits 1 saying counting is behind, `pnpm dev`
// warns, and the dashboard in Chromium shows its banner; once the trigger runs again every view is counted, the
// status is healthy and the banner is gone, all under the dashboard's CSP.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { watchCspViolations } from '../../../dashboard/tests/helpers/csp';
import { statusCommand } from '../../src/banner';
import { type Stack, startStack } from '../../src/startStack';
import { DESKTOP_CHROME_UA, launchChromium } from '../helpers/browser';
import { pollUntil, signIn, totals } from '../helpers/reporting';

jest.setTimeout(300_000);

const PASSWORD = 'operations-test-password-1';
/** The counting alarm's threshold for this test: short, so it runs in seconds rather than 5 minutes. */
const ALARM_SECONDS = 8;
const WARNING_SECONDS = 4;

let dataDir: string;
let stack: Stack;
let browser: Browser;
const output: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'devstack-ops-'));
  stack = await startStack({
    dataDir,
    port: 0,
    demoPort: 0,
    dynamodbPort: 0,
    adminPassword: PASSWORD,
    // info: the "caught up" line that follows a warning is an info line.
    logLevel: 'info',
    hotReload: false,
    pollIntervalMs: 100,
    lagAlarmSeconds: ALARM_SECONDS,
    lagWarningSeconds: WARNING_SECONDS,
    // Batches go as soon as they are read, so "counted" is quick once the trigger runs.
    parameters: { StreamBatchingWindow: 0 },
    output: (line) => output.push(line),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sends `n` page views of localhost the way the beacon does. */
async function sendViews(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const response = await fetch(`${stack.urls.api}/api/event`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': DESKTOP_CHROME_UA },
      body: JSON.stringify({
        type: 'pageview',
        id: randomUUID(),
        site: 'localhost',
        path: `/p${i}`,
        unique: true,
      }),
    });
    expect(response.status).toBe(202);
  }
}

/** Runs the command line `pnpm dev` prints (`footfall status …`) as its own process. */
function footfallStatus(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const args = statusCommand(stack).split(' ').slice(2); // without "pnpm footfall"
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [require.resolve('tsx/cli'), join(__dirname, '../../../cli/src/main.ts'), ...args],
      {
        env: { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const verdictOf = (stdout: string) => stdout.trimEnd().split('\n').at(-1) ?? '';

test('a stopped trigger: status exits 1 and the dashboard says counting is behind; restarted, both clear with every view counted', async () => {
  // Prepare: three views counted; everything healthy.
  const token = await signIn(stack.urls.api, 'admin', PASSWORD);
  await sendViews(3);
  expect(
    (
      await pollUntil(
        () => totals(stack.urls.api, token),
        (t) => t.views === 3,
      )
    ).views,
  ).toBe(3);
  const before = await footfallStatus();
  expect(before.stderr).toBe('');
  expect(verdictOf(before.stdout)).toBe('healthy');
  expect(before.code).toBe(0);
  expect(before.stdout).toMatch(/localhost +newest counted views: \d{4}-\d\d-\d\d \d\d:00–\d\d:00 UTC/);

  // Act: the fault switch stops the trigger; four more views arrive and wait in the stream.
  stack.faults.stopTrigger();
  await sendViews(4);
  const stalled = await pollUntil(footfallStatus, (r) => r.code === 1, 60_000 + ALARM_SECONDS * 1000);

  // Assess: status says how far behind and exits 1; pnpm dev warned; nothing new was counted.
  expect(stalled.code).toBe(1);
  expect(verdictOf(stalled.stdout)).toMatch(/^behind by \d+ s$/);
  expect(stalled.stdout).toMatch(/counting alarm +ALARM \(fires past 8 s\)/);
  expect(
    output.some((l) => /\[devstack\] warning: the stream poller is \d+ s behind.*trigger is stopped/.test(l)),
  ).toBe(true);
  expect((await totals(stack.urls.api, token)).views).toBe(3);

  // Assess: the dashboard shows the banner above the numbers, with the views it has.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  const violations = await watchCspViolations(page);
  const banner = page.getByRole('status').filter({ hasText: 'Counting is' });
  try {
    await page.goto(stack.urls.dashboard);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toMatch(/^Counting is \d+ minutes? behind: /);

    // Act: the trigger runs again.
    stack.faults.startTrigger();
    const counted = await pollUntil(
      () => totals(stack.urls.api, token),
      (t) => t.views === 7,
      60_000,
    );
    const after = await pollUntil(footfallStatus, (r) => r.code === 0, 60_000);

    // Assess: every view counted once, status healthy, and the banner gone at the next look.
    expect(counted.views).toBe(7);
    expect(after.code).toBe(0);
    expect(verdictOf(after.stdout)).toBe('healthy');
    const statusAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/status');
    await page.reload();
    expect(((await (await statusAnswer).json()) as { pipeline: { state: string } }).pipeline.state).toBe(
      'ok',
    );
    await page.locator('dd[data-total="views"]').filter({ hasText: '7' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.behind-banner').isHidden()).toBe(true);
    expect(output.some((l) => /the stream poller has caught up/.test(l))).toBe(true);
    expect(violations).toEqual([]);
  } finally {
    await context.close();
  }
});
