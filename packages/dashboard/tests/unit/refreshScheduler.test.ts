import { type RefreshScheduler, refreshScheduler, type Visibility } from '../../src/refreshScheduler';

const EVERY = 15_000;

/** A page whose visibility the test sets, as the browser does through visibilitychange. */
function fakeVisibility(visible = true): Visibility & { set(visible: boolean): void; listeners: number } {
  const listeners = new Set<() => void>();
  return {
    isVisible: () => visible,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      visible = next;
      for (const l of [...listeners]) l();
    },
    get listeners() {
      return listeners.size;
    },
  };
}

let scheduler: RefreshScheduler | undefined;

beforeEach(() => {
  jest.useFakeTimers();
});

afterEach(() => {
  scheduler?.stop();
  scheduler = undefined;
  jest.useRealTimers();
});

/** A schedule over a run that records when it started (ms since the test began) and resolves at once. */
function start(visibility: Visibility, run?: () => Promise<unknown>): number[] {
  const t0 = Date.now();
  const runs: number[] = [];
  scheduler = refreshScheduler({
    everyMs: EVERY,
    visibility,
    run: () => {
      runs.push(Date.now() - t0);
      return run ? run() : Promise.resolve();
    },
  });
  scheduler.start();
  return runs;
}

describe('refreshScheduler', () => {
  it('runs every interval while the page is visible, starting one interval after start', async () => {
    // Prepare
    const runs = start(fakeVisibility(true));

    // Act
    await jest.advanceTimersByTimeAsync(EVERY - 1);
    const before = runs.length;
    await jest.advanceTimersByTimeAsync(1 + 2 * EVERY);

    // Assess
    expect(before).toBe(0);
    expect(runs).toEqual([EVERY, 2 * EVERY, 3 * EVERY]);
  });

  it('stops while the page is hidden, however long, and runs at once when it is seen again', async () => {
    // Prepare
    const visibility = fakeVisibility(true);
    const runs = start(visibility);
    await jest.advanceTimersByTimeAsync(EVERY);

    // Act: hidden for ten intervals
    visibility.set(false);
    await jest.advanceTimersByTimeAsync(10 * EVERY);
    const whileHidden = runs.length;
    visibility.set(true);
    await jest.advanceTimersByTimeAsync(0);
    const onReturn = runs.length;
    await jest.advanceTimersByTimeAsync(EVERY);

    // Assess
    expect(whileHidden).toBe(1);
    expect(onReturn).toBe(2);
    expect(runs).toEqual([EVERY, 11 * EVERY, 12 * EVERY]);
  });

  it('after a short absence waits only for the rest of the interval', async () => {
    // Prepare
    const visibility = fakeVisibility(true);
    const runs = start(visibility);

    // Act: hidden from 5 s to 10 s, so the run is due at 15 s as if nothing happened
    await jest.advanceTimersByTimeAsync(5_000);
    visibility.set(false);
    await jest.advanceTimersByTimeAsync(5_000);
    visibility.set(true);
    await jest.advanceTimersByTimeAsync(4_999);
    const early = runs.length;
    await jest.advanceTimersByTimeAsync(1);

    // Assess
    expect(early).toBe(0);
    expect(runs).toEqual([EVERY]);
  });

  it('does not run in a tab opened in the background until it is looked at', async () => {
    // Prepare
    const visibility = fakeVisibility(false);
    const runs = start(visibility);

    // Act
    await jest.advanceTimersByTimeAsync(5 * EVERY);
    const hidden = runs.length;
    visibility.set(true);
    await jest.advanceTimersByTimeAsync(0);

    // Assess
    expect(hidden).toBe(0);
    expect(runs).toEqual([5 * EVERY]);
  });

  it('counts the interval from the end of a slow run, so runs never overlap', async () => {
    // Prepare: each run takes 10 s
    const slow = () => new Promise((resolve) => setTimeout(resolve, 10_000));
    const runs = start(fakeVisibility(true), slow);

    // Act
    await jest.advanceTimersByTimeAsync(EVERY + 10_000 + EVERY + 10_000 + EVERY);

    // Assess
    expect(runs).toEqual([EVERY, 2 * EVERY + 10_000, 3 * EVERY + 20_000]);
  });

  it('keeps going after a failed run', async () => {
    // Prepare
    const runs = start(fakeVisibility(true), () => Promise.reject(new Error('offline')));

    // Act
    await jest.advanceTimersByTimeAsync(3 * EVERY);

    // Assess
    expect(runs).toHaveLength(3);
  });

  it('runNow runs at once and restarts the count; a second ask during a run waits for it', async () => {
    // Prepare
    let finish = () => {};
    const runs = start(fakeVisibility(true), () => new Promise<void>((resolve) => (finish = resolve)));
    await jest.advanceTimersByTimeAsync(5_000);

    // Act
    scheduler?.runNow();
    scheduler?.runNow();
    const during = runs.length;
    finish();
    await jest.advanceTimersByTimeAsync(0);
    const afterFirst = runs.length;
    finish();
    await jest.advanceTimersByTimeAsync(EVERY);

    // Assess
    expect(during).toBe(1);
    expect(afterFirst).toBe(2);
    expect(runs).toEqual([5_000, 5_000, 5_000 + EVERY]);
  });

  it('restart puts the next run a whole interval away', async () => {
    // Prepare
    const runs = start(fakeVisibility(true));
    await jest.advanceTimersByTimeAsync(10_000);

    // Act
    scheduler?.restart();
    await jest.advanceTimersByTimeAsync(EVERY - 1);
    const early = runs.length;
    await jest.advanceTimersByTimeAsync(1);

    // Assess
    expect(early).toBe(0);
    expect(runs).toEqual([10_000 + EVERY]);
  });

  it('stop ends the runs and the listening', async () => {
    // Prepare
    const visibility = fakeVisibility(true);
    const runs = start(visibility);

    // Act
    scheduler?.stop();
    visibility.set(false);
    visibility.set(true);
    await jest.advanceTimersByTimeAsync(5 * EVERY);

    // Assess
    expect(runs).toEqual([]);
    expect(visibility.listeners).toBe(0);
  });
});
