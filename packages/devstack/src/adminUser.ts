// Makes sure the dev table holds the `admin` user with the password `pnpm dev` announces (SPEC §7).
import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readUser, replaceUser } from '@footfall/store';
import { hashPassword, verifyPassword } from '@footfall/tokens';
import { dataPath, readOrCreateSecret } from './dataFiles';

/** The user `pnpm dev` creates. */
export const ADMIN_USERNAME = 'admin';

/** Where the admin password comes from. */
export interface AdminUserOptions {
  tableName: string;
  dataDir: string;
  /** DEV_ADMIN_PASSWORD; when undefined a password is generated once and kept in dataDir. */
  password: string | undefined;
}

/** The admin password in force, and whether it was generated just now (and so must be shown once). */
export interface AdminUser {
  username: string;
  password: string;
  generated: boolean;
}

/** 18 random bytes: 24 URL-safe characters, easy to copy, far beyond guessing. */
const generatePassword = (): string => randomBytes(18).toString('base64url');

/**
 * Creates or updates the `admin` user so that its stored hash matches the configured (or remembered) password.
 * @example const admin = await ensureAdminUser(client, { tableName, dataDir, password: undefined });
 */
export async function ensureAdminUser(client: DynamoDBClient, options: AdminUserOptions): Promise<AdminUser> {
  let password: string;
  let generated = false;
  if (options.password !== undefined) {
    password = options.password;
  } else {
    const secret = readOrCreateSecret(dataPath(options.dataDir, 'adminPassword'), generatePassword);
    password = secret.value;
    generated = secret.created;
  }

  const table = { dynamodb: client, tableName: options.tableName };
  const { user } = await readUser(table, ADMIN_USERNAME);
  let createdAt = Date.now();
  let sessionEpoch = 0;
  if (user !== undefined) {
    // A hash that still verifies is kept: rewriting it on every start would only cost a PBKDF2 run.
    if (user.ok) {
      createdAt = user.value.createdAt;
      // A new password ends the sessions of the old one, as `footfall user passwd` does.
      sessionEpoch = user.value.sessionEpoch + 1;
      const match = await verifyPassword(password, user.value.passwordHash);
      if (match.ok && !match.value.needsRehash) return { username: ADMIN_USERNAME, password, generated };
    }
  }
  const passwordHash = await hashPassword(password);
  await replaceUser(table, { username: ADMIN_USERNAME, passwordHash, createdAt, sessionEpoch });
  return { username: ADMIN_USERNAME, password, generated };
}
