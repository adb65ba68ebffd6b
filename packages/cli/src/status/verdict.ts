// `footfall status`, the pure half: what was read about the pipeline, in lines a person reads, and one verdict.

/** What could not be read, and why (a missing option, an AWS error): shown, never a failure by itself. */
export interface NotRead {
  kind: 'not-read';
  why: string;
}

/** Everything `footfall status` read. */
export interface StatusReport {
  /** When it was read, epoch ms. */
  now: number;
  /** Each site and the start (epoch ms) of the newest UTC hour it has counted views in. */
  sites: { site: string; newestHour: number | undefined }[];
  /**
   * The counting alarm (IteratorAge above its threshold), the authority on "behind" when it can be read: it is
   * what the dashboard's banner shows too.
   */
  alarm: { kind: 'read'; state: string; thresholdSeconds: number; lagSeconds: number | undefined } | NotRead;
  /** The trigger's IteratorAge over the last hour: per-minute maxima (ms), newest first. */
  lag: { kind: 'read'; points: { at: number; ms: number }[] } | NotRead;
  deadLetters: { count: number; unreadable: number };
  failureQueue: { kind: 'read'; messages: number } | NotRead;
}

/** The one-line answer and whether it is healthy (exit code 0) or not (1). */
export interface Verdict {
  healthy: boolean;
  line: string;
}

/** The threshold when the alarm cannot be read: the template's (5 minutes). */
export const DEFAULT_BEHIND_SECONDS = 300;

/** A lag without an alarm counts as "now" only if Lambda invoked the trigger this recently (ms). */
const RECENT_MS = 5 * 60_000;

/** A duration in words: seconds under two minutes, whole minutes after. @example duration(420) // '7 min' */
export function duration(seconds: number): string {
  return seconds < 120 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * How far behind counting is now, in seconds, or undefined when nothing says it is behind. The alarm decides when
 * it was read; otherwise the newest IteratorAge datapoint, if Lambda invoked the trigger in the last 5 minutes.
 * No datapoint means no invocation, which on a healthy stack means nothing waited: a quiet site is not behind.
 */
export function behindBy(report: StatusReport): number | undefined {
  if (report.alarm.kind === 'read') {
    if (report.alarm.state !== 'ALARM') return undefined;
    const newest = report.lag.kind === 'read' ? report.lag.points[0] : undefined;
    return report.alarm.lagSeconds ?? (newest ? newest.ms / 1000 : report.alarm.thresholdSeconds);
  }
  if (report.lag.kind !== 'read') return undefined;
  const newest = report.lag.points[0];
  if (newest === undefined || report.now - newest.at > RECENT_MS) return undefined;
  return newest.ms / 1000 > DEFAULT_BEHIND_SECONDS ? newest.ms / 1000 : undefined;
}

/**
 * The verdict: `healthy`, or each problem in order of harm, joined by "; " (views dropped, behind, set aside).
 * @example statusVerdict(report) // { healthy: false, line: 'behind by 7 min; 3 dead letters: run footfall dead-letters list' }
 */
export function statusVerdict(report: StatusReport): Verdict {
  const problems: string[] = [];
  if (report.failureQueue.kind === 'read' && report.failureQueue.messages > 0)
    problems.push(
      `${plural(report.failureQueue.messages, 'stream batch', 'stream batches')} in the failure queue: their views left the stream uncounted (docs/delivery.md)`,
    );
  const behind = behindBy(report);
  if (behind !== undefined) problems.push(`behind by ${duration(behind)}`);
  const letters = report.deadLetters.count + report.deadLetters.unreadable;
  if (letters > 0)
    problems.push(`${plural(letters, 'dead letter', 'dead letters')}: run footfall dead-letters list`);
  return problems.length === 0
    ? { healthy: true, line: 'healthy' }
    : { healthy: false, line: problems.join('; ') };
}

/** An hour as `2026-03-10 14:00–15:00 UTC`. */
function hourLabel(start: number): string {
  const iso = new Date(start).toISOString();
  const end = new Date(start + 3_600_000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}–${end.slice(11, 16)} UTC`;
}

/**
 * The report as aligned lines, then the verdict as the last line.
 * @example for (const line of formatStatus(report)) io.stdout.write(`${line}\n`);
 */
export function formatStatus(report: StatusReport): string[] {
  const rows: [string, string][] = [];
  for (const { site, newestHour } of report.sites)
    rows.push([
      site,
      newestHour === undefined ? 'no views counted yet' : `newest counted views: ${hourLabel(newestHour)}`,
    ]);
  if (report.sites.length === 0) rows.push(['sites', 'none configured']);

  let lag: string;
  if (report.lag.kind === 'not-read') lag = `not read (${report.lag.why})`;
  else if (report.lag.points.length === 0) lag = 'nothing waited to be counted in the last hour';
  else {
    const newest = report.lag.points[0];
    const most = Math.max(...report.lag.points.map((p) => p.ms));
    const ago = newest ? Math.max(0, Math.round((report.now - newest.at) / 60_000)) : 0;
    lag = `${newest ? `${duration(newest.ms / 1000)} ${ago <= 1 ? 'this minute' : `${ago} min ago`}` : ''}; most in the last hour: ${duration(most / 1000)}`;
  }
  rows.push(['trigger lag', lag]);
  rows.push([
    'counting alarm',
    report.alarm.kind === 'read'
      ? `${report.alarm.state} (fires past ${duration(report.alarm.thresholdSeconds)})`
      : `not read (${report.alarm.why})`,
  ]);
  const { count, unreadable } = report.deadLetters;
  rows.push([
    'dead letters',
    count + unreadable === 0
      ? 'none'
      : `${count} waiting${unreadable > 0 ? `, ${unreadable} unreadable` : ''} (footfall dead-letters list)`,
  ]);
  rows.push([
    'failure queue',
    report.failureQueue.kind === 'read'
      ? plural(report.failureQueue.messages, 'message', 'messages')
      : `not read (${report.failureQueue.why})`,
  ]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return [...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`), statusVerdict(report).line];
}
