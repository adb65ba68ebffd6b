// The dev stack's stand-in for Lambda's IteratorAge metric: the poller's lag, kept as per-minute maxima.

/** One minute's largest lag, in ms (CloudWatch's Maximum statistic over a 60 s period). */
export interface LagDatapoint {
  /** Start of the minute, epoch ms. */
  minute: number;
  maximumMs: number;
}

const MINUTE_MS = 60_000;

/**
 * Per-minute maxima of the lag samples recorded, for the last `keepMinutes` minutes (an hour and a half: what
 * `footfall status` reads is the last hour).
 * @example const age = new IteratorAgeSeries(); age.record(4_000); age.datapoints(Date.now() - 3_600_000, Date.now());
 */
export class IteratorAgeSeries {
  private readonly minutes = new Map<number, number>();

  constructor(private readonly keepMinutes = 90) {}

  /** Records one lag sample (ms) taken at `atMs`. */
  record(lagMs: number, atMs = Date.now()): void {
    const minute = Math.floor(atMs / MINUTE_MS) * MINUTE_MS;
    this.minutes.set(minute, Math.max(this.minutes.get(minute) ?? 0, Math.max(0, lagMs)));
    const oldest = minute - this.keepMinutes * MINUTE_MS;
    for (const m of this.minutes.keys()) if (m < oldest) this.minutes.delete(m);
  }

  /** The minutes with samples in [fromMs, toMs), newest first (CloudWatch's default order). */
  datapoints(fromMs: number, toMs: number): LagDatapoint[] {
    return [...this.minutes]
      .filter(([minute]) => minute >= Math.floor(fromMs / MINUTE_MS) * MINUTE_MS && minute < toMs)
      .sort(([a], [b]) => b - a)
      .map(([minute, maximumMs]) => ({ minute, maximumMs }));
  }
}
