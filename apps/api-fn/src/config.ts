// Configuration of api-fn, read once per container from the environment and validated into a typed object.
import {
  DEFAULT_RETENTION_DAYS,
  DEFAULT_TOKEN_TTL_SECONDS,
  MAX_SESSION_CACHE_SECONDS,
  PIPELINE_STATUS_CACHE_SECONDS,
} from './constants';
import { ConfigError } from './errors';
import type { LogLevel } from './logger';

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
  /** Sites (hosts) whose views are accepted and reported, lower-cased. */
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
export type ConfigResult = { ok: true; value: ApiConfig } | { ok: false; error: ConfigError };

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

function positiveInt(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
): number | string {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d{1,9}$/.test(raw.trim()) || Number(raw) <= 0) return `${name} must be a positive whole number`;
  return Number(raw);
}

/** A whole number of seconds from 0 to `max`, or the fallback when unset; an error text otherwise. */
function boundedSeconds(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  max: number,
): number | string {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) > max) return `${name} must be a whole number from 0 to ${max}`;
  return Number(raw);
}

/**
 * Reads api-fn's configuration from environment variables (TABLE_NAME, ALLOWED_SITES, ALLOWED_ORIGINS,
 * AUTH_KEY or AUTH_KEY_PARAMETER, TOKEN_TTL_SECONDS, SESSION_CACHE_SECONDS, RETENTION_DAYS, DYNAMODB_ENDPOINT,
 * LOG_LEVEL, STATIC_DIR, PIPELINE_ALARM_NAME, CLOUDWATCH_ENDPOINT, PIPELINE_STATUS_CACHE_SECONDS).
 * @example const config = loadConfig(process.env); if (!config.ok) throw config.error;
 */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const fail = (message: string): ConfigResult => ({ ok: false, error: new ConfigError(message) });
  const tableName = env.TABLE_NAME?.trim();
  if (!tableName) return fail('TABLE_NAME is not set');
  const allowedSites = list(env.ALLOWED_SITES).map((s) => s.toLowerCase());
  if (allowedSites.length === 0) return fail('ALLOWED_SITES lists no site');
  const ttl = positiveInt(env, 'TOKEN_TTL_SECONDS', DEFAULT_TOKEN_TTL_SECONDS);
  if (typeof ttl === 'string') return fail(ttl);
  const sessionCache = boundedSeconds(
    env,
    'SESSION_CACHE_SECONDS',
    MAX_SESSION_CACHE_SECONDS,
    MAX_SESSION_CACHE_SECONDS,
  );
  if (typeof sessionCache === 'string') return fail(sessionCache);
  const statusCache = boundedSeconds(
    env,
    'PIPELINE_STATUS_CACHE_SECONDS',
    PIPELINE_STATUS_CACHE_SECONDS,
    PIPELINE_STATUS_CACHE_SECONDS,
  );
  if (typeof statusCache === 'string') return fail(statusCache);
  const retention = positiveInt(env, 'RETENTION_DAYS', DEFAULT_RETENTION_DAYS);
  if (typeof retention === 'string') return fail(retention);
  const level = (env.LOG_LEVEL ?? 'info').trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    return fail('LOG_LEVEL must be debug, info, warn or error');
  const keyValue = env.AUTH_KEY?.trim();
  const keyParameter = env.AUTH_KEY_PARAMETER?.trim();
  const authKey: AuthKeySource = keyValue
    ? { kind: 'value', value: keyValue }
    : keyParameter
      ? { kind: 'parameter', name: keyParameter }
      : { kind: 'none' };
  return {
    ok: true,
    value: {
      tableName,
      dynamodbEndpoint: env.DYNAMODB_ENDPOINT?.trim() || undefined,
      allowedSites,
      allowedOrigins: list(env.ALLOWED_ORIGINS),
      authKey,
      tokenTtlSeconds: ttl,
      sessionCacheSeconds: sessionCache,
      retentionDays: retention,
      logLevel: level as LogLevel,
      staticDir: env.STATIC_DIR?.trim() || undefined,
      pipelineAlarmName: env.PIPELINE_ALARM_NAME?.trim() || undefined,
      cloudwatchEndpoint: env.CLOUDWATCH_ENDPOINT?.trim() || undefined,
      pipelineStatusCacheSeconds: statusCache,
    },
  };
}
