// Files `pnpm dev` keeps in DEV_DATA_DIR: written atomically, secrets readable by their owner only.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Names of the files inside DEV_DATA_DIR. */
export const DATA_FILES = {
  /** DynamoDB Local's -dbPath. */
  database: 'dynamodb',
  adminPassword: 'admin-password',
  authKey: 'auth-key',
  checkpoints: 'stream-checkpoints.json',
} as const;

/** Returns the path of one of the data files. */
export function dataPath(dataDir: string, name: keyof typeof DATA_FILES): string {
  return join(dataDir, DATA_FILES[name]);
}

/** Writes a file through a temporary sibling and a rename, so a crash never leaves it half written. */
export function writeFileAtomic(path: string, content: string, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, content, { mode, flag: 'wx' });
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Reads a file's text, or undefined when it does not exist. */
export function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Returns the secret stored at `path`, creating it with `create()` (mode 0600) the first time; `created`
 * says which happened, so a generated password can be shown exactly once.
 * @example const { value: key } = readOrCreateSecret(dataPath(dir, 'authKey'), generateKey);
 */
export function readOrCreateSecret(path: string, create: () => string): { value: string; created: boolean } {
  const existing = readIfExists(path)?.trim();
  if (existing !== undefined && existing !== '') {
    // A copy restored from a backup or made by hand may be world-readable; a secret should not stay so.
    chmodSync(path, 0o600);
    return { value: existing, created: false };
  }
  const value = create();
  writeFileAtomic(path, `${value}\n`, 0o600);
  return { value, created: true };
}
