// footfall status's verdicts: healthy unless views were dropped, counting is behind or dead letters wait; an empty
// table and a site without traffic today are healthy, never "behind".
import { behindBy, formatStatus, type StatusReport, statusVerdict } from '../../src/status/verdict';

const NOW = Date.UTC(2026, 2, 10, 12, 30, 0);
const MINUTE = 60_000;

/** A healthy report of one site that counted views this hour; tests override what matters. */
function report(overrides: Partial<StatusReport> = {}): StatusReport {
  return {
    now: NOW,
    sites: [{ site: 'example.com', newestHour: Date.UTC(2026, 2, 10, 12) }],
    alarm: { kind: 'read', state: 'OK', thresholdSeconds: 300, lagSeconds: undefined },
    lag: { kind: 'read', points: [{ at: NOW - MINUTE, ms: 1_200 }] },
    deadLetters: { count: 0, unreadable: 0 },
    failureQueue: { kind: 'read', messages: 0 },
    ...overrides,
  };
}

describe('statusVerdict', () => {
  it('is healthy when nothing waits, nothing was set aside and nothing dropped', () => {
    // Assess
    expect(statusVerdict(report())).toEqual({ healthy: true, line: 'healthy' });
  });

  it('is healthy on an empty table: no counts, no lag, no alarm data', () => {
    // Prepare
    const empty = report({
      sites: [{ site: 'example.com', newestHour: undefined }],
      alarm: { kind: 'read', state: 'INSUFFICIENT_DATA', thresholdSeconds: 300, lagSeconds: undefined },
      lag: { kind: 'read', points: [] },
    });

    // Act
    const lines = formatStatus(empty);

    // Assess
    expect(statusVerdict(empty)).toEqual({ healthy: true, line: 'healthy' });
    expect(lines.join('\n')).toMatch(/example\.com +no views counted yet/);
    expect(lines.join('\n')).toContain('nothing waited to be counted in the last hour');
    expect(lines.at(-1)).toBe('healthy');
  });

  it('does not call a site without traffic today behind: its newest counts are old, but nothing waits', () => {
    // Prepare: last views two days ago, no invocation in the last hour, the alarm fine.
    const quiet = report({
      sites: [{ site: 'quiet.example', newestHour: Date.UTC(2026, 2, 8, 17) }],
      lag: { kind: 'read', points: [] },
    });

    // Act
    const verdict = statusVerdict(quiet);

    // Assess
    expect(verdict).toEqual({ healthy: true, line: 'healthy' });
    expect(formatStatus(quiet).join('\n')).toContain('newest counted views: 2026-03-08 17:00–18:00 UTC');
  });

  it('says how far behind when the counting alarm fires, in minutes past two', () => {
    // Prepare
    const behind = report({
      alarm: { kind: 'read', state: 'ALARM', thresholdSeconds: 300, lagSeconds: 421 },
      lag: { kind: 'read', points: [{ at: NOW, ms: 421_000 }] },
    });

    // Assess
    expect(statusVerdict(behind)).toEqual({ healthy: false, line: 'behind by 7 min' });
    expect(behindBy(behind)).toBe(421);
  });

  it('trusts the alarm over this minute’s datapoint: a lag that has just cleared is not behind', () => {
    // Prepare: IteratorAge peaked earlier in the minute, the alarm has evaluated it as fine since.
    const cleared = report({ lag: { kind: 'read', points: [{ at: NOW, ms: 900_000 }] } });

    // Assess
    expect(statusVerdict(cleared).healthy).toBe(true);
  });

  it('without the alarm, judges the newest datapoint, if the trigger ran in the last 5 minutes', () => {
    // Prepare
    const noAlarm = { kind: 'not-read' as const, why: 'AccessDenied' };
    const recent = report({
      alarm: noAlarm,
      lag: { kind: 'read', points: [{ at: NOW - MINUTE, ms: 480_000 }] },
    });
    const old = report({
      alarm: noAlarm,
      lag: { kind: 'read', points: [{ at: NOW - 20 * MINUTE, ms: 480_000 }] },
    });
    const small = report({ alarm: noAlarm, lag: { kind: 'read', points: [{ at: NOW, ms: 30_000 }] } });

    // Assess
    expect(statusVerdict(recent)).toEqual({ healthy: false, line: 'behind by 8 min' });
    expect(statusVerdict(old).healthy).toBe(true);
    expect(statusVerdict(small).healthy).toBe(true);
  });

  it('counts dead letters, readable or not, and points to the command that lists them', () => {
    // Prepare
    const letters = report({ deadLetters: { count: 2, unreadable: 1 } });
    const one = report({ deadLetters: { count: 1, unreadable: 0 } });

    // Assess
    expect(statusVerdict(letters)).toEqual({
      healthy: false,
      line: '3 dead letters: run footfall dead-letters list',
    });
    expect(statusVerdict(one).line).toBe('1 dead letter: run footfall dead-letters list');
  });

  it('puts dropped views first, then the lag, then dead letters, in one line', () => {
    // Prepare
    const all = report({
      failureQueue: { kind: 'read', messages: 1 },
      alarm: { kind: 'read', state: 'ALARM', thresholdSeconds: 30, lagSeconds: 45 },
      deadLetters: { count: 3, unreadable: 0 },
    });

    // Assess
    expect(statusVerdict(all).line).toBe(
      '1 stream batch in the failure queue: their views left the stream uncounted (docs/delivery.md); behind by 45 s; 3 dead letters: run footfall dead-letters list',
    );
  });

  it('is not unhealthy for what it could not read, and says why it was not read', () => {
    // Prepare
    const unread = report({
      alarm: { kind: 'not-read', why: 'name the alarm with --alarm, or use --stack' },
      lag: { kind: 'not-read', why: 'name the trigger with --function, or use --stack' },
      failureQueue: { kind: 'not-read', why: 'name the failure queue with --queue-url, or use --stack' },
    });

    // Act
    const text = formatStatus(unread).join('\n');

    // Assess
    expect(statusVerdict(unread)).toEqual({ healthy: true, line: 'healthy' });
    expect(text).toContain('trigger lag     not read (name the trigger with --function, or use --stack)');
    expect(text).toContain('failure queue   not read (');
  });

  it('shows the lag now and the most of the last hour', () => {
    // Prepare
    const lagging = report({
      lag: {
        kind: 'read',
        points: [
          { at: NOW, ms: 90_000 },
          { at: NOW - 10 * MINUTE, ms: 720_000 },
        ],
      },
    });

    // Assess
    expect(formatStatus(lagging).join('\n')).toContain(
      'trigger lag     90 s this minute; most in the last hour: 12 min',
    );
  });
});
