// Builds api-fn handlers for tests: a config, a fixed clock, a generated session key and captured logs.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { User } from '@footfall/core-model';
import { replaceUser } from '@footfall/store';
import { DASHBOARD_ORIGIN, OTHER_SITE, SITE, TEST_USER_CREATED_AT, testUser } from '@footfall/testing';
import { generateKey, issueToken, parseKey } from '@footfall/tokens';
import type { ApiConfig } from '../../src/config';
import { type ApiHandler, createApiHandler } from '../../src/createApiHandler';
import type { SiteCache } from '../../src/siteCache';

/** The session key every test handler signs with. */
export const AUTH_KEY = generateKey();

/** 2026-03-10T12:00:00Z, the default clock of test handlers. */
export const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);

/** A config for tests; `tableName` is required because every test owns its table (or mock). */
export function testConfig(tableName: string, overrides: Partial<ApiConfig> = {}): ApiConfig {
  return {
    tableName,
    allowedSites: [SITE, OTHER_SITE],
    allowedOrigins: [DASHBOARD_ORIGIN],
    authKey: { kind: 'value', value: AUTH_KEY },
    tokenTtlSeconds: 43_200,
    retentionDays: 30,
    logLevel: 'debug',
    ...overrides,
  };
}

/** A handler plus the log lines it wrote and a settable clock. */
export interface TestApi {
  handler: ApiHandler;
  logs: string[];
  clock: { now: number };
}

/** A site list that never changes and reads nothing: the config's first list, as a table would hold it. */
export const fixedSites = (sites: readonly string[]): SiteCache => ({
  sites: async () => sites,
  invalidate: () => undefined,
});

/**
 * Creates a handler over `dynamodb` with a controllable clock and captured logs. Its site list is the config's
 * `allowedSites`, fixed, unless `tableSites` asks for the real one (read from the table, as deployed).
 */
export function testApi(
  dynamodb: DynamoDBClient,
  tableName = 'footfall-test',
  overrides: Partial<ApiConfig> = {},
  options: { tableSites?: boolean } = {},
): TestApi {
  const logs: string[] = [];
  const clock = { now: NOW };
  const config = testConfig(tableName, overrides);
  const handler = createApiHandler({
    config,
    dynamodb,
    now: () => clock.now,
    logSink: (line) => logs.push(line),
    ...(options.tableSites ? {} : { sites: fixedSites(config.allowedSites) }),
  });
  return { handler, logs, clock };
}

function keyOf(text: string) {
  const key = parseKey(text);
  if (!key.ok) throw key.error;
  return key.value;
}

/** When the users of test tables were created (a day before NOW): the `created` claim of `tokenFor`'s tokens. */
export const USER_CREATED_AT = TEST_USER_CREATED_AT;

export { testUser };

/**
 * A session token for `username`, as sign-in would issue it to `testUser(username)` (another key, time,
 * incarnation or session epoch on request).
 */
export function tokenFor(
  username = 'admin',
  options: { key?: string; now?: number; ttlSeconds?: number; created?: number; epoch?: number } = {},
): string {
  return issueToken(
    { sub: username, created: options.created ?? USER_CREATED_AT, epoch: options.epoch ?? 0 },
    {
      key: keyOf(options.key ?? AUTH_KEY),
      ttlSeconds: options.ttlSeconds ?? 3600,
      now: new Date(options.now ?? NOW),
    },
  );
}

/** The token with one character in its ciphertext changed, as an attacker would alter it. */
export function tamper(token: string): string {
  const i = Math.floor(token.length / 2);
  return `${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;
}

/** The `Authorization` header of a valid session. */
export const bearer = (token = tokenFor()) => ({ authorization: `Bearer ${token}` });

/** Parses a JSON response body. */
export function bodyOf(response: { body?: string }): unknown {
  return JSON.parse(response.body ?? 'null');
}

/** The error code of a JSON error response. */
export function errorCode(response: { body?: string }): string | undefined {
  return (bodyOf(response) as { error?: { code?: string } } | null)?.error?.code;
}

/** Stores `testUser(username)` in a real table, so that `tokenFor(username)` passes the session check. */
export async function storeTestUser(
  dynamodb: DynamoDBClient,
  tableName: string,
  username = 'admin',
  overrides: Partial<User> = {},
): Promise<User> {
  const user = testUser(username, overrides);
  await replaceUser({ dynamodb, tableName }, user);
  return user;
}
