// Running bundles the way Lambda does: own environment, JSON in and out, errors, timeouts and reloads.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleMissingError } from '../../src/errors';
import { LocalLambda, type LocalLambdaOptions } from '../../src/localLambda';

const HANDLERS = join(__dirname, '..', 'fixtures', 'handlers');
const running: LocalLambda[] = [];

function lambda(file: string, overrides: Partial<LocalLambdaOptions> = {}): LocalLambda {
  const fn = new LocalLambda({
    name: 'TestFn',
    bundlePath: join(HANDLERS, file),
    exportName: 'handler',
    env: { GREETING: 'hello' },
    timeoutMs: 5000,
    memoryMb: 128,
    region: 'us-east-1',
    output: () => {},
    ...overrides,
  });
  running.push(fn);
  return fn;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((fn) => fn.stop()));
});

test('the handler gets the event and a context, sees only its own environment, and its result comes back as JSON', async () => {
  // Act
  const result = await lambda('echo.js').invoke({ path: '/x' });

  // Assess
  expect(result).toMatchObject({
    ok: true,
    value: { event: { path: '/x' }, greeting: 'hello', hasTimeLeft: true, when: '1970-01-01T00:00:00.000Z' },
  });
  const value = result.ok ? (result.value as { home?: string; requestId: string }) : undefined;
  expect(value?.home).toBeUndefined();
  expect(value?.requestId).toMatch(/^[0-9a-f-]{36}$/);
});

test('an invocation may run at a time of its own, even for a Date.now kept at load; the deadline stays real', async () => {
  // Prepare
  const fn = lambda('clock.js');
  const recorded = Date.UTC(2026, 0, 5, 12);

  // Act
  const past = await fn.invoke({}, { clockMs: recorded });
  const present = await fn.invoke({});

  // Assess
  const value = (r: typeof past) => (r.ok ? (r.value as { now: number; timeLeft: number }) : undefined);
  expect(value(past)?.now).toBe(recorded);
  expect(value(past)?.timeLeft).toBeGreaterThan(4_000);
  expect(Math.abs((value(present)?.now ?? 0) - Date.now())).toBeLessThan(1_000);
});

test('an ES module bundle loads as well as a CommonJS one', async () => {
  // Act
  const result = await lambda('esm.mjs').invoke({});

  // Assess
  expect(result).toEqual({ ok: true, value: 'from an ES module' });
});

test('a thrown error is reported with its type and message', async () => {
  // Act
  const result = await lambda('throws.js').invoke({});

  // Assess
  expect(result).toMatchObject({
    ok: false,
    error: { errorType: 'TypeError', errorMessage: 'cannot read the event' },
  });
});

test('an invocation past the timeout fails, and the next one runs in a fresh environment', async () => {
  // Prepare
  const fn = lambda('slow.js', { timeoutMs: 300 });

  // Act
  const timedOut = await fn.invoke({});
  const next = await fn.invoke({ fast: true });

  // Assess
  expect(timedOut).toMatchObject({ ok: false, error: { errorType: 'Sandbox.Timedout' } });
  expect(next).toEqual({ ok: true, value: 'late' });
});

test('a bundle without the handler export fails to initialise with a clear error', async () => {
  // Act
  const warm = await lambda('noExport.js').warm();

  // Assess
  expect(warm).toMatchObject({ ok: false, error: { errorType: 'Runtime.HandlerNotFound' } });
});

test('a missing bundle is refused up front with a hint to build', () => {
  // Act
  const create = () => lambda('not-there.js');

  // Assess
  expect(create).toThrow(BundleMissingError);
  expect(create).toThrow(/pnpm build/);
});

test('after reload() new invocations run the rebuilt bundle', async () => {
  // Prepare
  const dir = mkdtempSync(join(tmpdir(), 'devstack-lambda-'));
  const bundle = join(dir, 'index.js');
  writeFileSync(bundle, "exports.handler = async () => 'v1';\n");
  const fn = lambda('echo.js', { bundlePath: bundle });
  const before = await fn.invoke({});

  // Act
  writeFileSync(bundle, "exports.handler = async () => 'v2';\n");
  fn.reload();
  const after = await fn.invoke({});

  // Assess
  expect(before).toEqual({ ok: true, value: 'v1' });
  expect(after).toEqual({ ok: true, value: 'v2' });
});
