// A small worker pool: runs tasks in order with at most N in flight, and stops starting new ones on demand.

/**
 * Runs `run` over `tasks` in index order with at most `concurrency` in flight. Before each start,
 * `mayStart()` is asked; once it says no, nothing more starts, and the calls already running finish.
 * Resolves when no task is running; `run` must not throw (it reports outcomes itself).
 * @example await runBounded(inputs, 8, () => !failed, async (input) => { … })
 */
export async function runBounded<T>(
  tasks: readonly T[],
  concurrency: number,
  mayStart: () => boolean,
  run: (task: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length && mayStart()) {
      const index = next++;
      await run(tasks[index] as T, index);
    }
  };
  const workers = Math.max(1, Math.min(concurrency, tasks.length));
  await Promise.all(Array.from({ length: workers }, worker));
}
