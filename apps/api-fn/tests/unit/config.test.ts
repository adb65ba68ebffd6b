// Configuration from the environment: defaults, lists, the session key's source, and refusals.
import { loadConfig } from '../../src/config';

const BASE = { TABLE_NAME: 'footfall', ALLOWED_SITES: 'Example.com, blog.example.org' };

describe('loadConfig', () => {
  it('reads a minimal environment with the documented defaults', () => {
    // Act
    const config = loadConfig(BASE);

    // Assess
    expect(config).toEqual({
      ok: true,
      value: {
        tableName: 'footfall',
        dynamodbEndpoint: undefined,
        allowedSites: ['example.com', 'blog.example.org'],
        allowedOrigins: [],
        authKey: { kind: 'none' },
        tokenTtlSeconds: 43_200,
        sessionCacheSeconds: 60,
        siteCacheSeconds: 60,
        retentionDays: 30,
        logLevel: 'info',
        staticDir: undefined,
        pipelineAlarmName: undefined,
        cloudwatchEndpoint: undefined,
        pipelineStatusCacheSeconds: 60,
      },
    });
  });

  it('prefers a plain AUTH_KEY (local runs) over the SSM parameter', () => {
    // Act
    const local = loadConfig({ ...BASE, AUTH_KEY: 'k', AUTH_KEY_PARAMETER: '/footfall/key' });
    const aws = loadConfig({ ...BASE, AUTH_KEY_PARAMETER: '/footfall/key' });

    // Assess
    expect(local.ok && local.value.authKey).toEqual({ kind: 'value', value: 'k' });
    expect(aws.ok && aws.value.authKey).toEqual({ kind: 'parameter', name: '/footfall/key' });
  });

  it('reads the optional settings', () => {
    // Act
    const config = loadConfig({
      ...BASE,
      ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      TOKEN_TTL_SECONDS: '600',
      SESSION_CACHE_SECONDS: '0',
      RETENTION_DAYS: '7',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      LOG_LEVEL: 'DEBUG',
      STATIC_DIR: '/opt/static',
      PIPELINE_ALARM_NAME: 'footfall-counting-behind',
      CLOUDWATCH_ENDPOINT: 'http://127.0.0.1:4566',
      PIPELINE_STATUS_CACHE_SECONDS: '5',
    });

    // Assess
    expect(config.ok && config.value).toMatchObject({
      allowedOrigins: ['https://a.example', 'https://b.example'],
      tokenTtlSeconds: 600,
      sessionCacheSeconds: 0,
      retentionDays: 7,
      dynamodbEndpoint: 'http://127.0.0.1:8000',
      logLevel: 'debug',
      staticDir: '/opt/static',
      pipelineAlarmName: 'footfall-counting-behind',
      cloudwatchEndpoint: 'http://127.0.0.1:4566',
      pipelineStatusCacheSeconds: 5,
    });
  });

  it('accepts no ALLOWED_SITES: sites are data, the variable only a first list', () => {
    // Act
    const config = loadConfig({ ...BASE, ALLOWED_SITES: ' , ' });

    // Assess
    expect(config.ok && config.value.allowedSites).toEqual([]);
  });

  it.each([
    [{ TABLE_NAME: '' }, 'TABLE_NAME'],
    // Longer than SPEC §3's bound on how late a new site may start to accept events.
    [{ SITE_CACHE_SECONDS: '61' }, 'SITE_CACHE_SECONDS'],
    [{ TOKEN_TTL_SECONDS: '12h' }, 'TOKEN_TTL_SECONDS'],
    [{ RETENTION_DAYS: '0' }, 'RETENTION_DAYS'],
    // Longer than SPEC §3's bound on how late a revocation may arrive.
    [{ SESSION_CACHE_SECONDS: '61' }, 'SESSION_CACHE_SECONDS'],
    [{ SESSION_CACHE_SECONDS: '-1' }, 'SESSION_CACHE_SECONDS'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
  ])('refuses %j, naming the variable', (change, name) => {
    // Act
    const config = loadConfig({ ...BASE, ...change });

    // Assess
    expect(config.ok).toBe(false);
    expect(config.ok || config.error.message).toContain(name);
  });
});
