// Reads `pnpm dev`'s settings from environment variables (SPEC §7) into one validated object.
import { isAbsolute, join, resolve } from 'node:path';
import { type Env, envLogLevel, envTableName, envText, envWholeNumber, type Result } from '@footfall/kernel';
import { DevConfigError } from './errors';

/** Everything `pnpm dev` can be told through its environment. */
export interface DevConfig {
  /** Port of the local HTTP API (api-fn, beacon, dashboard); 0 picks a free one. */
  port: number;
  /** Port of the demo site; PORT + 1 by default (0 when PORT is 0). */
  demoPort: number;
  /** Port of DynamoDB Local; 0 picks a free one. */
  dynamodbPort: number;
  /** Absolute directory for the database, secrets and stream checkpoints. */
  dataDir: string;
  /** Admin password from DEV_ADMIN_PASSWORD; generated and remembered in dataDir when undefined. */
  adminPassword: string | undefined;
  /** Table name inside DynamoDB Local. */
  tableName: string;
  /** LOG_LEVEL passed to both functions. */
  logLevel: string;
  /** Delay between stream polls when the stream is idle, in ms. */
  pollIntervalMs: number;
}

/** Default ports and names (SPEC §7). */
export const DEFAULTS = {
  port: 3000,
  dynamodbPort: 8000,
  dataDir: '.data',
  tableName: 'footfall',
  logLevel: 'info',
  pollIntervalMs: 250,
} as const;

/** A port number (0 picks a free one), or `fallback` when unset; an error text otherwise. */
function port(env: Env, name: string, fallback: number): number | string {
  const value = envWholeNumber(env, name, { fallback, max: 65535 });
  return value.ok ? value.value : value.error.message;
}

/**
 * Reads PORT, DEMO_PORT, DYNAMODB_PORT, DEV_DATA_DIR, DEV_ADMIN_PASSWORD, TABLE_NAME, LOG_LEVEL and
 * DEV_POLL_INTERVAL_MS; relative DEV_DATA_DIR values are taken from `baseDir` (the repository root).
 * @example const config = loadDevConfig(process.env, findRepoRoot()); if (!config.ok) exit(config.error);
 */
export function loadDevConfig(env: Env, baseDir: string): Result<DevConfig, DevConfigError> {
  const fail = (message: string): Result<DevConfig, DevConfigError> => ({
    ok: false,
    error: new DevConfigError(message),
  });
  const apiPort = port(env, 'PORT', DEFAULTS.port);
  if (typeof apiPort === 'string') return fail(apiPort);
  const demoPort = port(env, 'DEMO_PORT', apiPort === 0 ? 0 : apiPort + 1);
  if (typeof demoPort === 'string') return fail(demoPort);
  const dynamodbPort = port(env, 'DYNAMODB_PORT', DEFAULTS.dynamodbPort);
  if (typeof dynamodbPort === 'string') return fail(dynamodbPort);
  const nonZero = [apiPort, demoPort, dynamodbPort].filter((p) => p !== 0);
  if (new Set(nonZero).size !== nonZero.length) {
    return fail(`PORT (${apiPort}), DEMO_PORT (${demoPort}) and DYNAMODB_PORT (${dynamodbPort}) must differ`);
  }

  const rawDir = envText(env, 'DEV_DATA_DIR') ?? DEFAULTS.dataDir;
  const dataDir = isAbsolute(rawDir) ? rawDir : resolve(join(baseDir, rawDir));

  const password = env.DEV_ADMIN_PASSWORD;
  // An empty variable is more likely an unset shell placeholder than a wish for an empty password.
  const adminPassword = password === undefined || password === '' ? undefined : password;

  const tableName = envTableName(env, DEFAULTS.tableName);
  if (!tableName.ok) return fail(tableName.error.message);

  const logLevel = envLogLevel(env, DEFAULTS.logLevel);
  if (!logLevel.ok) return fail(logLevel.error.message);

  const pollIntervalMs = envWholeNumber(env, 'DEV_POLL_INTERVAL_MS', {
    fallback: DEFAULTS.pollIntervalMs,
    min: 10,
    max: 999_999,
  });
  if (!pollIntervalMs.ok) return fail(pollIntervalMs.error.message);

  return {
    ok: true,
    value: {
      port: apiPort,
      demoPort,
      dynamodbPort,
      dataDir,
      adminPassword,
      tableName: tableName.value,
      logLevel: logLevel.value,
      pollIntervalMs: pollIntervalMs.value,
    },
  };
}
