// Dashboard users: read, add, replace, remove, list and move user items, change and upgrade passwords, end sessions.
import {
  DeleteItemCommand,
  PutItemCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  accessChange,
  type Decoded,
  decodeUser,
  type Item,
  type Key,
  keyOf,
  passwordChange,
  passwordHashUpgrade,
  type Role,
  sessionRevocation,
  type User,
  userCreation,
  userKey,
  userMove,
  userRemoval,
  userReplacement,
  userScan,
} from '@footfall/core-model';
import { isConditionalCheckFailed } from './awsErrors';
import { getItem } from './getItem';
import type { Table } from './table';

/** What reading a user found: no item, a user, or an item that does not decode; and the read units. */
export interface UserRead {
  /** Undefined when there is no such user. */
  user: Decoded<User> | undefined;
  readUnits: number;
}

/**
 * Reads a user (strongly consistent, 1 RCU): sign-in, the session check and the CLI all read users this way.
 * @example const { user } = await readUser(table, 'alice'); if (user?.ok) …
 */
export async function readUser(table: Table, username: string): Promise<UserRead> {
  const { item, readUnits } = await getItem(table, userKey(username));
  return { user: item === undefined ? undefined : decodeUser(item), readUnits };
}

/**
 * Stores a new user; `exists` when a user of that name (in any case) is there already.
 * @example if ((await addUser(table, user)) === 'exists') …
 */
export async function addUser(table: Table, user: User): Promise<'added' | 'exists'> {
  try {
    await table.dynamodb.send(new PutItemCommand({ TableName: table.tableName, ...userCreation(user) }));
    return 'added';
  } catch (error) {
    if (isConditionalCheckFailed(error)) return 'exists';
    throw error;
  }
}

/**
 * Stores a user whatever is there (`pnpm dev`'s admin, the users of tests).
 * @example await replaceUser(table, { username: 'admin', passwordHash, createdAt, sessionEpoch: 0 });
 */
export async function replaceUser(table: Table, user: User): Promise<void> {
  await table.dynamodb.send(new PutItemCommand({ TableName: table.tableName, ...userReplacement(user) }));
}

/** Runs a write that must find its user; `missing` when the user is not there. */
async function onExistingUser<T extends string>(
  write: () => Promise<unknown>,
  done: T,
): Promise<T | 'missing'> {
  try {
    await write();
    return done;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return 'missing';
    throw error;
  }
}

/**
 * Removes a user: its tokens stop working once no user backs them.
 * @example if ((await removeUser(table, 'alice')) === 'missing') …
 */
export const removeUser = (table: Table, username: string): Promise<'removed' | 'missing'> =>
  onExistingUser(
    () =>
      table.dynamodb.send(new DeleteItemCommand({ TableName: table.tableName, ...userRemoval(username) })),
    'removed',
  );

/**
 * Sets a user's new password hash and starts a new session epoch, so every token issued before stops working.
 * @example await changePassword(table, 'alice', await hashPassword(password));
 */
export const changePassword = (
  table: Table,
  username: string,
  passwordHash: string,
): Promise<'changed' | 'missing'> =>
  onExistingUser(
    () =>
      table.dynamodb.send(
        new UpdateItemCommand({ TableName: table.tableName, ...passwordChange(username, passwordHash) }),
      ),
    'changed',
  );

/**
 * Starts a new session epoch: every token issued to the user before stops working; the password stays.
 * @example await signOutUser(table, 'alice');
 */
export const signOutUser = (table: Table, username: string): Promise<'signed-out' | 'missing'> =>
  onExistingUser(
    () =>
      table.dynamodb.send(
        new UpdateItemCommand({ TableName: table.tableName, ...sessionRevocation(username) }),
      ),
    'signed-out',
  );

/**
 * Sets a user's role and readable sites (a viewer's list; an admin reads every site).
 * @example await setUserAccess(table, 'bob', 'viewer', ['blog.example.com']);
 */
export const setUserAccess = (
  table: Table,
  username: string,
  role: Role,
  sites: readonly string[],
): Promise<'changed' | 'missing'> =>
  onExistingUser(
    () =>
      table.dynamodb.send(
        new UpdateItemCommand({ TableName: table.tableName, ...accessChange(username, role, sites) }),
      ),
    'changed',
  );

/**
 * Replaces a user's hash by a stronger one of the same password, only while the stored hash is still
 * `oldHash` (a concurrent `user passwd` wins: `changed-meanwhile`).
 * @example await upgradePasswordHash(table, user.username, user.passwordHash, await hashPassword(password));
 */
export async function upgradePasswordHash(
  table: Table,
  username: string,
  oldHash: string,
  newHash: string,
): Promise<{ status: 'upgraded' | 'changed-meanwhile'; writeUnits: number }> {
  try {
    const out = await table.dynamodb.send(
      new UpdateItemCommand({
        TableName: table.tableName,
        ...passwordHashUpgrade(username, oldHash, newHash),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    return { status: 'upgraded', writeUnits: out.ConsumedCapacity?.CapacityUnits ?? 0 };
  } catch (error) {
    if (isConditionalCheckFailed(error)) return { status: 'changed-meanwhile', writeUnits: 0 };
    throw error;
  }
}

/** A stored user with the key of its item (a legacy item is not under `userKey` of its name). */
export interface StoredUser {
  user: User;
  key: Key;
}

/** Every user item, decoded and sorted by name, and why each item that could not be read as a user was not. */
export interface UserList {
  users: StoredUser[];
  unreadable: string[];
}

/**
 * Lists every user. Users are one partition each, so this scans the table: an admin's occasional command
 * (the API never scans).
 * @example const { users } = await listUsers(table);
 */
export async function listUsers(table: Table): Promise<UserList> {
  const users: StoredUser[] = [];
  const unreadable: string[] = [];
  let startKey: Item | undefined;
  for (let page = 0; page < 10_000; page++) {
    const out = await table.dynamodb.send(
      new ScanCommand({
        TableName: table.tableName,
        ...userScan(),
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of out.Items ?? []) {
      const user = decodeUser(item);
      const key = keyOf(item);
      if (user.ok && key) users.push({ user: user.value, key });
      else unreadable.push(user.ok ? 'no key' : user.error.message);
    }
    startKey = out.LastEvaluatedKey;
    if (!startKey) break;
  }
  users.sort((a, b) => (a.user.username < b.user.username ? -1 : 1));
  return { users, unreadable };
}

/**
 * Moves a user stored under `from` (a name with capitals, as older versions kept it) to its lower-case name in
 * one transaction; `conflict` when that name is taken (or the item changed meanwhile).
 * @example await moveUser(table, stored.user, stored.key);
 */
export async function moveUser(table: Table, user: User, from: Key): Promise<'moved' | 'conflict'> {
  const move = userMove(user, from);
  try {
    await table.dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: table.tableName, ...move.put } },
          { Delete: { TableName: table.tableName, ...move.delete } },
        ],
      }),
    );
    return 'moved';
  } catch (error) {
    if (error instanceof Error && error.name === 'TransactionCanceledException') return 'conflict';
    throw error;
  }
}
