// The one structured logger: JSON lines with level, time, message and fields, filtered by level.
import { createLogger, errorFields, parseLogLevel } from '../../src';

/** A logger at `level` whose lines are parsed into `lines`. */
function capture(level: 'debug' | 'info' | 'warn' | 'error') {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level, sink: (line) => lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe('createLogger', () => {
  it('writes JSON lines at or above its level, with the bound fields', () => {
    // Prepare
    const { log, lines } = capture('info');

    // Act
    log.debug('hidden');
    log.with({ requestId: 'r1' }).info('request', { status: 202 });
    log.always('metrics line', { count: 3 });

    // Assess
    expect(lines).toEqual([
      { level: 'info', time: expect.any(String), message: 'request', requestId: 'r1', status: 202 },
      { level: 'metrics', time: expect.any(String), message: 'metrics line', count: 3 },
    ]);
  });

  it('writes bigints and errors as text, and a cyclic field without failing', () => {
    // Prepare
    const { log, lines } = capture('debug');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;

    // Act
    log.warn('values', { big: 10n ** 20n, error: new TypeError('bad') });
    log.error('cycle', { cyclic });

    // Assess
    expect(lines[0]).toMatchObject({
      big: '100000000000000000000',
      error: { name: 'TypeError', message: 'bad' },
    });
    expect(lines[1]).toMatchObject({ message: 'cycle', unserialisableFields: ['cyclic'] });
  });

  it('renders lines its own way when asked', () => {
    // Prepare
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l), render: (e) => `[x] ${e.level} ${e.message}` });

    // Act
    log.info('ready');

    // Assess
    expect(lines).toEqual(['[x] info ready']);
  });
});

describe('helpers', () => {
  it('parses log levels leniently and errors into fields', () => {
    // Act
    const levels = [parseLogLevel('WARN'), parseLogLevel('loud'), parseLogLevel(undefined, 'error')];
    const fields = errorFields(new RangeError('out'));

    // Assess
    expect(levels).toEqual(['warn', 'info', 'error']);
    expect(fields).toEqual({ errorName: 'RangeError', errorMessage: 'out' });
  });
});
