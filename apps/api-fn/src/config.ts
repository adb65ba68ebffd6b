// Configuration of api-fn, read once per container from the environment and validated into a typed object.
import { normaliseSite } from '@footfall/core-model';
import {
  type Env,
  type EnvError,
  envEndpoint,
  envList,
  envLogLevel,
  envTableName,
  envText,
  envWholeNumber,
  type LogLevel,
  type Result,
} from '@footfall/kernel';
import {
  DEFAULT_RETENTION_DAYS,
  DEFAULT_TOKEN_TTL_SECONDS,
  MAX_SESSION_CACHE_SECONDS,
  MAX_SITE_CACHE_SECONDS,
  PIPELINE_STATUS_CACHE_SECONDS,
} from './constants';
import { ConfigError } from './errors';

/** Where the Fernet keys of session tokens come from (one key, or several newest first). */
export type AuthKeySource =
  | { kind: 'value'; value: string }
  | { kind: 'parameter'; name: string }
  | { kind: 'none' };

/** Everything api-fn needs to know about its deployment. */
export interface ApiConfig {
  tableName: string;
  /** DynamoDB endpoint override (DynamoDB Local); the SDK default when undefined. */
  dynamodbEndpoint?: string | undefined;
  /**
   * The deployment's first list of sites (hosts, lower-cased), written to the table on first start; from then
   * on sites are data (`POST /api/sites`, `footfall site add`). May be empty.
   */
  allowedSites: string[];
  /** Origins allowed to call the reporting API from a browser; `*` allows any. */
  allowedOrigins: string[];
  authKey: AuthKeySource;
  tokenTtlSeconds: number;
  /**
   * How long a container trusts what it read of a user's session epoch (0 to 60 s): the most a revocation
   * (`user passwd`, `user remove`, `user signout`) takes to reach a warm function.
   */
  sessionCacheSeconds?: number | undefined;
  /** How long a container trusts the site list it read (0 to 60 s): the most a new or removed site waits. */
  siteCacheSeconds?: number | undefined;
  retentionDays: number;
  logLevel: LogLevel;
  /** Root holding `beacon/` and `dashboard/`; located automatically when undefined. */
  staticDir?: string | undefined;
  /** The CloudWatch alarm whose state says counting is behind (GET /api/status); none: state `unknown`. */
  pipelineAlarmName?: string | undefined;
  /** CloudWatch endpoint override (`pnpm dev`'s local stand-in); the SDK default when undefined. */
  cloudwatchEndpoint?: string | undefined;
  /** How long a container reuses the alarm state it read (0 to 60 s, default 60). */
  pipelineStatusCacheSeconds?: number | undefined;
}

/** A result: the config, or why the environment cannot be used. */
export type ConfigResult = Result<ApiConfig, ConfigError>;

/**
 * Reads api-fn's configuration from environment variables (TABLE_NAME, ALLOWED_SITES, ALLOWED_ORIGINS,
 * AUTH_KEY or AUTH_KEY_PARAMETER, TOKEN_TTL_SECONDS, SESSION_CACHE_SECONDS, SITE_CACHE_SECONDS, RETENTION_DAYS,
 * DYNAMODB_ENDPOINT, LOG_LEVEL, STATIC_DIR, PIPELINE_ALARM_NAME, CLOUDWATCH_ENDPOINT, PIPELINE_STATUS_CACHE_SECONDS).
 * @example const config = loadConfig(process.env); if (!config.ok) throw config.error;
 */
export function loadConfig(env: Env): ConfigResult {
  const fail = (problem: EnvError | string): ConfigResult => ({
    ok: false,
    error: new ConfigError(typeof problem === 'string' ? problem : problem.message),
  });
  const tableName = envTableName(env);
  if (!tableName.ok) return fail(tableName.error);
  const endpoint = envEndpoint(env);
  if (!endpoint.ok) return fail(endpoint.error);
  const allowedSites = envList(env, 'ALLOWED_SITES').map(normaliseSite);
  const ttl = envWholeNumber(env, 'TOKEN_TTL_SECONDS', { fallback: DEFAULT_TOKEN_TTL_SECONDS, min: 1 });
  if (!ttl.ok) return fail(ttl.error);
  const sessionCache = envWholeNumber(env, 'SESSION_CACHE_SECONDS', {
    fallback: MAX_SESSION_CACHE_SECONDS,
    max: MAX_SESSION_CACHE_SECONDS,
  });
  if (!sessionCache.ok) return fail(sessionCache.error);
  const statusCache = envWholeNumber(env, 'PIPELINE_STATUS_CACHE_SECONDS', {
    fallback: PIPELINE_STATUS_CACHE_SECONDS,
    max: PIPELINE_STATUS_CACHE_SECONDS,
  });
  if (!statusCache.ok) return fail(statusCache.error);
  const siteCache = envWholeNumber(env, 'SITE_CACHE_SECONDS', {
    fallback: MAX_SITE_CACHE_SECONDS,
    max: MAX_SITE_CACHE_SECONDS,
  });
  if (!siteCache.ok) return fail(siteCache.error);
  const retention = envWholeNumber(env, 'RETENTION_DAYS', { fallback: DEFAULT_RETENTION_DAYS, min: 1 });
  if (!retention.ok) return fail(retention.error);
  const logLevel = envLogLevel(env);
  if (!logLevel.ok) return fail(logLevel.error);
  const keyValue = envText(env, 'AUTH_KEY');
  const keyParameter = envText(env, 'AUTH_KEY_PARAMETER');
  const authKey: AuthKeySource = keyValue
    ? { kind: 'value', value: keyValue }
    : keyParameter
      ? { kind: 'parameter', name: keyParameter }
      : { kind: 'none' };
  return {
    ok: true,
    value: {
      tableName: tableName.value,
      dynamodbEndpoint: endpoint.value,
      allowedSites,
      allowedOrigins: envList(env, 'ALLOWED_ORIGINS'),
      authKey,
      tokenTtlSeconds: ttl.value,
      sessionCacheSeconds: sessionCache.value,
      siteCacheSeconds: siteCache.value,
      retentionDays: retention.value,
      logLevel: logLevel.value,
      staticDir: envText(env, 'STATIC_DIR'),
      pipelineAlarmName: envText(env, 'PIPELINE_ALARM_NAME'),
      cloudwatchEndpoint: envText(env, 'CLOUDWATCH_ENDPOINT'),
      pipelineStatusCacheSeconds: statusCache.value,
    },
  };
}
