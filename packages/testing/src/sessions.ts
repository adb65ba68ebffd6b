// Test users and their session tokens: a user item a test stores, and the token sign-in would issue to it.
import type { User } from '@footfall/core-model';

/** A PBKDF2 PHC string no password matches (its hash is shorter than any PBKDF2 output). */
export const UNUSABLE_PASSWORD_HASH = '$pbkdf2-sha256$i=600000,l=32$AAAA$AAAA';

/** When test users were created (2026-03-09T12:00Z): the `created` claim of their tokens. */
export const TEST_USER_CREATED_AT = Date.UTC(2026, 2, 9, 12);

/**
 * A dashboard user for a test (session epoch 0, a password that matches nothing); store it with store's
 * `replaceUser` so its tokens pass the session check, as a user made by `footfall user add` would.
 * @example await replaceUser(table, testUser('admin'));
 */
export function testUser(username = 'admin', overrides: Partial<User> = {}): User {
  return {
    username,
    passwordHash: UNUSABLE_PASSWORD_HASH,
    createdAt: TEST_USER_CREATED_AT,
    sessionEpoch: 0,
    ...overrides,
  };
}

/**
 * The session token sign-in would issue to `user` under `authKey` (a Fernet key's text) at `now`.
 * @example headers: { authorization: `Bearer ${await sessionToken(testUser(), authKey)}` }
 */
export async function sessionToken(
  user: Pick<User, 'username' | 'createdAt' | 'sessionEpoch'>,
  authKey: string,
  options: { now?: number; ttlSeconds?: number } = {},
): Promise<string> {
  // Loaded here, not at the top: a test proving the ingest path never loads the token code imports this package.
  const { issueToken, parseKey } = await import('@footfall/tokens');
  const key = parseKey(authKey);
  if (!key.ok) throw key.error;
  return issueToken(
    { sub: user.username, created: user.createdAt, epoch: user.sessionEpoch },
    { key: key.value, ttlSeconds: options.ttlSeconds ?? 3600, now: new Date(options.now ?? Date.now()) },
  );
}
