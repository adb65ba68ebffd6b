// template.yaml's HTTP API: exactly SPEC §3's routes, CORS from a parameter, throttling, IP-free access logs.
import { httpRoutes } from '@footfall/template';
import { specRoutes } from '../fixtures/specRoutes';
import { repoTemplate, resource } from '../helpers/repo';

const template = repoTemplate();
const api = resource(template, 'Api');

describe('template.yaml HTTP API', () => {
  it('routes exactly the SPEC §3 paths to api-fn, with no catch-all', () => {
    // Act
    const routes = httpRoutes(template);

    // Assess
    if (!routes.ok) throw routes.error;
    expect(routes.value.map((r) => `${r.method} ${r.path}`).sort()).toEqual([...specRoutes].sort());
    expect(new Set(routes.value.map((r) => r.functionLogicalId))).toEqual(new Set(['ApiFn']));
    expect(routes.value.some((r) => r.path.includes('{proxy+}') || r.path === '$default')).toBe(false);
  });

  it('attaches every route to the one HttpApi', () => {
    // Prepare
    const events = resource(template, 'ApiFn').Properties.Events as Record<
      string,
      { Properties: { ApiId: unknown } }
    >;

    // Act
    const apiIds = Object.values(events).map((e) => e.Properties.ApiId);

    // Assess
    expect(apiIds.every((id) => JSON.stringify(id) === JSON.stringify({ Ref: 'Api' }))).toBe(true);
  });

  it('takes CORS origins from the AllowedOrigins parameter and lets preflight through', () => {
    // Act
    const cors = api.Properties.CorsConfiguration as Record<string, unknown>;

    // Assess
    expect(api.Type).toBe('AWS::Serverless::HttpApi');
    expect(cors.AllowOrigins).toEqual({ Ref: 'AllowedOrigins' });
    expect(cors.AllowHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type']));
    expect(template.Parameters.AllowedOrigins?.Type).toBe('CommaDelimitedList');
  });

  it('throttles the stage', () => {
    // Act
    const settings = api.Properties.DefaultRouteSettings as Record<string, unknown>;

    // Assess
    expect(settings.ThrottlingBurstLimit).toEqual(expect.any(Number));
    expect(settings.ThrottlingRateLimit).toEqual(expect.any(Number));
  });

  it('throttles each ingest route on its own, at the rate and burst the template parameters set', () => {
    // Prepare
    const routes = httpRoutes(template);
    if (!routes.ok) throw routes.error;
    const routeKeys = routes.value.map((r) => `${r.method} ${r.path}`);

    // Act
    const settings = api.Properties.RouteSettings as Record<string, Record<string, unknown>>;

    // Assess: keyed by real route keys (CloudFormation rejects a stage whose settings name a missing route).
    const ingest = ['ANY /api/event', 'ANY /pv.gif', 'ANY /append'];
    expect(Object.keys(settings).sort()).toEqual([...ingest].sort());
    for (const key of ingest) {
      expect(routeKeys).toContain(key);
      expect(settings[key]).toEqual({
        ThrottlingBurstLimit: { Ref: 'IngestBurstLimit' },
        ThrottlingRateLimit: { Ref: 'IngestRateLimit' },
      });
    }
    for (const name of ['IngestRateLimit', 'IngestBurstLimit'])
      expect(template.Parameters[name]).toMatchObject({ Type: 'Number', MinValue: 1 });
    // The ingest limits sit below the stage's ceiling by default, so they are what a flood meets first.
    const stage = api.Properties.DefaultRouteSettings as Record<string, number>;
    expect(template.Parameters.IngestRateLimit?.Default).toBeLessThanOrEqual(stage.ThrottlingRateLimit ?? 0);
    expect(template.Parameters.IngestBurstLimit?.Default).toBeLessThanOrEqual(
      stage.ThrottlingBurstLimit ?? 0,
    );
  });

  it('writes access logs that hold no IP address or user agent', () => {
    // Act
    const logs = api.Properties.AccessLogSettings as { DestinationArn: unknown; Format: string };

    // Assess
    expect(logs.DestinationArn).toEqual({ 'Fn::GetAtt': ['ApiAccessLogGroup', 'Arn'] });
    expect(() => JSON.parse(logs.Format)).not.toThrow();
    expect(logs.Format).not.toMatch(/sourceIp|identity\.|userAgent|X-Forwarded-For/i);
    // A share link's path holds its id (a credential): the route key is logged, never the path.
    expect(logs.Format).not.toContain('$context.path');
  });

  it('offers the parameters and outputs a site owner needs', () => {
    // Assess
    expect(Object.keys(template.Parameters)).toEqual(
      expect.arrayContaining([
        'AllowedSites',
        'AllowedOrigins',
        'AuthKeyParameterName',
        'TokenTtlSeconds',
        'SessionCacheSeconds',
        'RetentionDays',
        'StreamBatchSize',
        'StreamBatchingWindow',
        'IngestRateLimit',
        'IngestBurstLimit',
        'LogLevel',
      ]),
    );
    expect(Object.keys(template.Outputs)).toEqual(
      expect.arrayContaining(['ApiUrl', 'DashboardUrl', 'BeaconUrl', 'BeaconSnippet', 'TableName']),
    );
    expect(template.Parameters.TokenTtlSeconds?.Default).toBe(43200);
    expect(template.Parameters.RetentionDays?.Default).toBe(30);
    // SPEC §3: a revocation reaches every running function within 60 s, so no setting may exceed that.
    expect(template.Parameters.SessionCacheSeconds).toMatchObject({ Default: 60, MinValue: 0, MaxValue: 60 });
  });
});
