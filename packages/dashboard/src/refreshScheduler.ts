// Runs a refresh every so often while the page is visible, and not at all while it is hidden (Page Visibility):
// a tab in the background costs the API nothing, and comes back up to date as soon as it is looked at again.

/** Whether the page can be seen, and news of when that changes (the document, or a fake in tests). */
export interface Visibility {
  isVisible(): boolean;
  /** Calls `listener` on every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void;
}

/** What to run and how often. */
export interface RefreshSchedulerOptions {
  /** Time between the end of one run and the start of the next, in ms. */
  everyMs: number;
  /** The refresh; a rejected promise counts as a finished run (the next one is still scheduled). */
  run: () => Promise<unknown> | undefined;
  visibility: Visibility;
  /** The clock (Date.now by default; jest's fake timers replace both). */
  now?: () => number;
}

/** A running schedule. */
export interface RefreshScheduler {
  /** Starts watching visibility; the first run comes `everyMs` after this call. */
  start(): void;
  /** Runs now (visible or not) and counts the next interval from its end. */
  runNow(): void;
  /** Data was just loaded by other means: the next run comes `everyMs` from now. */
  restart(): void;
  /** Stops for good: no more runs, no more listening. */
  stop(): void;
}

/**
 * Creates a schedule of `run`: every `everyMs` while visible; nothing while hidden; when the page becomes visible
 * again, at once if a run is due (else when the interval is up). Runs never overlap.
 * @example const s = refreshScheduler({ everyMs: 15_000, run: loadRealtime, visibility: documentVisibility() }); s.start();
 */
export function refreshScheduler(options: RefreshSchedulerOptions): RefreshScheduler {
  const now = options.now ?? Date.now;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastDone = now();
  let running = false;
  let again = false;
  let active = false;
  let unsubscribe: (() => void) | undefined;

  const clear = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const schedule = () => {
    clear();
    if (!active || running || !options.visibility.isVisible()) return;
    const wait = lastDone + options.everyMs - now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  const run = () => {
    clear();
    if (!active) return;
    if (running) {
      // Asked while a run is under way: run once more when it ends, never twice at a time.
      again = true;
      return;
    }
    running = true;
    const finished = () => {
      running = false;
      lastDone = now();
      if (again) {
        again = false;
        run();
      } else schedule();
    };
    let result: Promise<unknown> | undefined;
    try {
      result = options.run();
    } catch {
      result = undefined;
    }
    if (result) result.then(finished, finished);
    else finished();
  };

  return {
    start() {
      if (active) return;
      active = true;
      lastDone = now();
      unsubscribe = options.visibility.subscribe(schedule);
      schedule();
    },
    runNow: run,
    restart() {
      lastDone = now();
      schedule();
    },
    stop() {
      active = false;
      again = false;
      clear();
      unsubscribe?.();
      unsubscribe = undefined;
    },
  };
}
