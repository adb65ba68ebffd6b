// The function's settings from its environment, and the DynamoDB client settings the deadline margin relies on.
import { parseLogLevel } from '@footfall/kernel';
import { dynamodbClientConfig, readConfig } from '../../src';

describe('readConfig', () => {
  it('reads the table, endpoint, log level and metrics namespace', () => {
    // Prepare
    const env = { TABLE_NAME: 'footfall', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', LOG_LEVEL: 'WARN' };
    // Act
    const config = readConfig(env);
    // Assess
    expect(config).toEqual({
      ok: true,
      value: {
        tableName: 'footfall',
        endpoint: 'http://127.0.0.1:8000',
        logLevel: 'warn',
        metricsNamespace: 'Footfall',
      },
    });
  });

  it('rejects a missing table name or a malformed endpoint, naming the variable', () => {
    // Prepare
    const envs = [{}, { TABLE_NAME: 'footfall', DYNAMODB_ENDPOINT: 'localhost:8000' }];
    // Act
    const results = envs.map(readConfig);
    // Assess
    expect(results.map((r) => (r.ok ? 'ok' : r.error.variable))).toEqual(['TABLE_NAME', 'DYNAMODB_ENDPOINT']);
  });

  it('falls back to info for an unknown log level', () => {
    expect(parseLogLevel('loud')).toBe('info');
  });
});

describe('dynamodbClientConfig', () => {
  it('retries with backoff and bounds each request, so the deadline margin holds', () => {
    // Act
    const config = dynamodbClientConfig();
    // Assess
    expect(config).toMatchObject({ maxAttempts: 4, retryMode: 'standard' });
    expect(config.endpoint).toBeUndefined();
  });
});
