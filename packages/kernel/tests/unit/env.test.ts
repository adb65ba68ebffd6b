// Environment variables read one way: the table name, endpoint, numbers, lists and log level.
import { envEndpoint, envList, envLogLevel, envTableName, envText, envWholeNumber } from '../../src';

describe('envTableName', () => {
  it('reads a trimmed table name, or the fallback when unset', () => {
    // Act
    const named = envTableName({ TABLE_NAME: ' footfall-prod ' });
    const fallback = envTableName({}, 'footfall');

    // Assess
    expect(named).toEqual({ ok: true, value: 'footfall-prod' });
    expect(fallback).toEqual({ ok: true, value: 'footfall' });
  });

  it.each([[{}], [{ TABLE_NAME: '  ' }], [{ TABLE_NAME: 'ab' }], [{ TABLE_NAME: 'no spaces' }]])(
    'refuses %j, naming the variable',
    (env) => {
      // Act
      const table = envTableName(env);

      // Assess
      expect(table.ok ? '' : table.error.variable).toBe('TABLE_NAME');
      expect(table.ok ? '' : table.error.message).toMatch(/^TABLE_NAME /);
    },
  );
});

describe('the other readers', () => {
  it('reads an endpoint only when it is an http(s) URL', () => {
    // Act
    const unset = envEndpoint({ DYNAMODB_ENDPOINT: '' });
    const local = envEndpoint({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' });
    const bare = envEndpoint({ DYNAMODB_ENDPOINT: 'localhost:8000' });

    // Assess
    expect(unset).toEqual({ ok: true, value: undefined });
    expect(local).toEqual({ ok: true, value: 'http://127.0.0.1:8000' });
    expect(bare.ok ? '' : bare.error.variable).toBe('DYNAMODB_ENDPOINT');
  });

  it('reads whole numbers within their bounds, the fallback when unset', () => {
    // Act
    const results = [undefined, '7', '0', '61', '12h'].map((value) =>
      envWholeNumber({ N: value }, 'N', { fallback: 30, min: 1, max: 60 }),
    );

    // Assess
    expect(results.map((r) => (r.ok ? r.value : r.error.variable))).toEqual([30, 7, 'N', 'N', 'N']);
  });

  it('reads lists, text and log levels', () => {
    // Act
    const list = envList({ L: ' a.com, ,b.org ' }, 'L');
    const text = [envText({ T: '  ' }, 'T'), envText({ T: ' x ' }, 'T')];
    const levels = [envLogLevel({ LOG_LEVEL: 'WARN' }), envLogLevel({}), envLogLevel({ LOG_LEVEL: 'loud' })];

    // Assess
    expect(list).toEqual(['a.com', 'b.org']);
    expect(text).toEqual([undefined, 'x']);
    expect(levels.map((r) => (r.ok ? r.value : r.error.variable))).toEqual(['warn', 'info', 'LOG_LEVEL']);
  });
});
