// template.yaml's two Lambda functions: runtime, architecture, prebuilt bundles, sizing, env and log groups.
import { idsOfType, repoTemplate, resource } from '../helpers/repo';

const template = repoTemplate();
const globals = (template.Globals.Function ?? {}) as Record<string, unknown>;
const functions = { ApiFn: 'apps/api-fn/dist', StreamTriggerFn: 'apps/stream-trigger-fn/dist' };

describe('template.yaml functions', () => {
  it('declares exactly the two Lambda apps', () => {
    // Act
    const ids = idsOfType(template, 'AWS::Serverless::Function').sort();

    // Assess
    expect(ids).toEqual(Object.keys(functions).sort());
  });

  it.each(Object.entries(functions))(
    '%s runs nodejs24.x on arm64 from the prebuilt bundle',
    (id, codeUri) => {
      // Prepare
      const props = resource(template, id).Properties;

      // Act
      const runtime = props.Runtime ?? globals.Runtime;
      const architectures = [props.Architectures, globals.Architectures].filter((a) => a !== undefined);

      // Assess
      expect(runtime).toBe('nodejs24.x');
      // SAM concatenates Globals and function lists, so the architecture must be set in one place only.
      expect(architectures).toEqual([['arm64']]);
      expect(props.Handler ?? globals.Handler).toBe('index.handler');
      expect(props.CodeUri).toBe(codeUri);
      // SAM's own esbuild build would `npm install` in the app and reject workspace:* dependencies.
      expect(resource(template, id).Metadata).toBeUndefined();
    },
  );

  it.each([
    ['ApiFn', 256, 10],
    ['StreamTriggerFn', 256, 60],
  ])('%s has %i MB and a %i s timeout', (id, memory, timeout) => {
    // Act
    const props = resource(template, id).Properties;

    // Assess
    expect(props.MemorySize).toBe(memory);
    expect(props.Timeout).toBe(timeout);
  });

  it.each(Object.keys(functions))('%s logs to its own log group with a retention', (id) => {
    // Prepare
    const fn = resource(template, id).Properties;
    const logGroups = idsOfType(template, 'AWS::Logs::LogGroup').map((g) => resource(template, g).Properties);

    // Act
    const name = (fn.FunctionName as { 'Fn::Sub': string })['Fn::Sub'];
    const group = logGroups.find(
      (g) => JSON.stringify(g.LogGroupName) === JSON.stringify({ 'Fn::Sub': `/aws/lambda/${name}` }),
    );

    // Assess
    expect(group).toBeDefined();
    expect(group?.RetentionInDays).toEqual(expect.any(Number));
  });

  it('gives api-fn its configuration, with the endpoint and key variables declared empty for sam local', () => {
    // Act
    const env = (resource(template, 'ApiFn').Properties.Environment as { Variables: Record<string, unknown> })
      .Variables;

    // Assess
    expect(Object.keys(env).sort()).toEqual(
      [
        'ALLOWED_ORIGINS',
        'ALLOWED_SITES',
        'AUTH_KEY',
        'AUTH_KEY_PARAMETER',
        'CLOUDWATCH_ENDPOINT',
        'DYNAMODB_ENDPOINT',
        'LOG_LEVEL',
        'PIPELINE_ALARM_NAME',
        'RETENTION_DAYS',
        'SESSION_CACHE_SECONDS',
        'TABLE_NAME',
        'TOKEN_TTL_SECONDS',
      ].sort(),
    );
    expect(env.DYNAMODB_ENDPOINT).toBe('');
    expect(env.CLOUDWATCH_ENDPOINT).toBe('');
    // GET /api/status reads the counting alarm's state, and only that alarm's.
    expect(env.PIPELINE_ALARM_NAME).toEqual({ Ref: 'CountingBehindAlarm' });
    // Secrets never sit in the template: the key variable exists only to be set by `sam local`.
    expect(env.AUTH_KEY).toBe('');
    expect(env.TABLE_NAME).toEqual({ Ref: 'Table' });
    expect(env.AUTH_KEY_PARAMETER).toEqual({ Ref: 'AuthKeyParameterName' });
    expect(env.SESSION_CACHE_SECONDS).toEqual({ Ref: 'SessionCacheSeconds' });
  });

  it('gives the stream trigger the table, the log level, the empty endpoint and the metrics switch', () => {
    // Act
    const env = (
      resource(template, 'StreamTriggerFn').Properties.Environment as { Variables: Record<string, unknown> }
    ).Variables;

    // Assess
    expect(env).toEqual({
      TABLE_NAME: { Ref: 'Table' },
      DYNAMODB_ENDPOINT: '',
      LOG_LEVEL: { Ref: 'LogLevel' },
      METRICS_NAMESPACE: { Ref: 'MetricsNamespace' },
    });
    // Custom metrics cost $0.30 each a month: off unless the site owner names a namespace.
    expect((template.Parameters as Record<string, { Default?: unknown }>).MetricsNamespace?.Default).toBe('');
  });
});
