// `footfall user add|passwd|signout|remove|list|migrate`: dashboard users as user items, passwords as PBKDF2
// PHC strings, sessions revoked through each user's session epoch.
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  decodeUser,
  encodeUser,
  type Item,
  isNormalUsername,
  normaliseUsername,
  PARTITION_KEY,
  passwordChange,
  SORT_KEY,
  sessionRevocation,
  throttleKey,
  USER_PREFIX,
  USERNAME_PATTERN,
  type User,
  userKey,
} from '@footfall/core-model';
import { hashPassword } from '@footfall/tokens';
import type { Target } from '../client';
import { CliError, UsageError } from '../errors';
import type { CliIo } from '../io';
import { readNewPassword } from '../readPassword';

const conditionalFailed = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** How long a revocation takes to reach every running api-fn (its session cache, SPEC §3). */
const REVOCATION_DELAY = 'within a minute';

/**
 * Checks a username against core-model's rule (letters, digits, `._@-`, up to 64) and returns its one
 * spelling: usernames are case-insensitive, so `Bob` is user `bob`.
 */
export function checkUsername(name: string | undefined): string {
  if (!name) throw new UsageError('Name the user, e.g. `footfall user add alice`.');
  if (!USERNAME_PATTERN.test(name))
    throw new UsageError('A username has 1–64 letters, digits or the characters . _ @ -');
  return normaliseUsername(name);
}

/** `user add <name>`: creates a user; refuses a name that exists in any spelling. */
export async function userAdd(
  target: Target,
  io: CliIo,
  name: string | undefined,
  fromStdin: boolean,
): Promise<void> {
  const username = checkUsername(name);
  const password = await readNewPassword(io, fromStdin, [username]);
  const user: User = {
    username,
    passwordHash: await hashPassword(password),
    createdAt: Date.now(),
    sessionEpoch: 0,
  };
  try {
    await target.client.send(
      new PutItemCommand({
        TableName: target.tableName,
        Item: encodeUser(user),
        ConditionExpression: 'attribute_not_exists(#p)',
        ExpressionAttributeNames: { '#p': PARTITION_KEY },
      }),
    );
  } catch (error) {
    if (conditionalFailed(error))
      throw new CliError(
        `User ${username} already exists (usernames ignore case); use \`footfall user passwd ${username}\`.`,
      );
    throw error;
  }
  io.stderr.write(`Created user ${username}.\n`);
}

/** The stored user, or undefined when there is none (an unreadable item is an error, not a missing user). */
async function readUser(target: Target, username: string): Promise<User | undefined> {
  const out = await target.client.send(
    new GetItemCommand({ TableName: target.tableName, Key: userKey(username), ConsistentRead: true }),
  );
  if (!out.Item) return undefined;
  const user = decodeUser(out.Item);
  if (!user.ok) throw new CliError(`The item of user ${username} is unreadable: ${user.error.message}`);
  return user.value;
}

/**
 * `user passwd <name>`: replaces a user's password (keeping the rest of the user), signs the user out
 * everywhere (a new session epoch) and lifts a lockout.
 */
export async function userPasswd(
  target: Target,
  io: CliIo,
  name: string | undefined,
  fromStdin: boolean,
): Promise<void> {
  const username = checkUsername(name);
  // Asked before the password, so nobody types a new password for a user that does not exist.
  const current = await readUser(target, username);
  if (!current) throw new CliError(`There is no user ${username}.`);
  const password = await readNewPassword(io, fromStdin, [username]);
  try {
    await target.client.send(
      new UpdateItemCommand({
        TableName: target.tableName,
        ...passwordChange(username, await hashPassword(password)),
      }),
    );
  } catch (error) {
    if (conditionalFailed(error)) throw new CliError(`There is no user ${username}.`);
    throw error;
  }
  await target.client.send(
    new DeleteItemCommand({ TableName: target.tableName, Key: throttleKey(username) }),
  );
  io.stderr.write(
    `Changed the password of ${username}; sessions signed in before end ${REVOCATION_DELAY}.\n`,
  );
}

/** `user signout <name>`: ends every session of a user (a new session epoch); the password stays. */
export async function userSignout(target: Target, io: CliIo, name: string | undefined): Promise<void> {
  const username = checkUsername(name);
  try {
    await target.client.send(
      new UpdateItemCommand({ TableName: target.tableName, ...sessionRevocation(username) }),
    );
  } catch (error) {
    if (conditionalFailed(error)) throw new CliError(`There is no user ${username}.`);
    throw error;
  }
  io.stderr.write(`Signed ${username} out everywhere; open sessions end ${REVOCATION_DELAY}.\n`);
}

/** `user remove <name>`: deletes a user; its tokens stop working once no user backs them. */
export async function userRemove(target: Target, io: CliIo, name: string | undefined): Promise<void> {
  const username = checkUsername(name);
  try {
    await target.client.send(
      new DeleteItemCommand({
        TableName: target.tableName,
        Key: userKey(username),
        ConditionExpression: 'attribute_exists(#p)',
        ExpressionAttributeNames: { '#p': PARTITION_KEY },
      }),
    );
  } catch (error) {
    if (conditionalFailed(error)) throw new CliError(`There is no user ${username}.`);
    throw error;
  }
  io.stderr.write(`Removed user ${username}; its sessions end ${REVOCATION_DELAY}.\n`);
}

/** Every user item, decoded, with the raw key of each (legacy items are not under `userKey` of their name). */
async function scanUsers(target: Target, io: CliIo): Promise<{ user: User; key: Item }[]> {
  const users: { user: User; key: Item }[] = [];
  let startKey: Item | undefined;
  for (let page = 0; page < 10_000; page++) {
    const out = await target.client.send(
      new ScanCommand({
        TableName: target.tableName,
        FilterExpression: 'begins_with(#p, :prefix)',
        ExpressionAttributeNames: { '#p': PARTITION_KEY },
        ExpressionAttributeValues: { ':prefix': { S: USER_PREFIX } },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of out.Items ?? []) {
      const user = decodeUser(item);
      const path = item[PARTITION_KEY];
      const section = item[SORT_KEY];
      if (user.ok && path && section)
        users.push({ user: user.value, key: { [PARTITION_KEY]: path, [SORT_KEY]: section } });
      else io.stderr.write(`Skipped an unreadable user item: ${user.ok ? 'no key' : user.error.message}\n`);
    }
    startKey = out.LastEvaluatedKey;
    if (!startKey) break;
  }
  users.sort((a, b) => (a.user.username < b.user.username ? -1 : 1));
  return users;
}

/**
 * `user list`: one line per user, `name<TAB>created`. Users are one partition each, so this scans the table
 * (an admin's occasional command; the API never scans). A name stored with capitals by an older version is
 * flagged: it cannot sign in until `user migrate` moves it.
 */
export async function userList(target: Target, io: CliIo): Promise<void> {
  const users = await scanUsers(target, io);
  for (const { user } of users) {
    const flag = isNormalUsername(user.username) ? '' : '\t(needs `footfall user migrate`)';
    io.stdout.write(`${user.username}\t${new Date(user.createdAt).toISOString()}${flag}\n`);
  }
}

/**
 * `user migrate`: moves each user stored under a name with capitals (older versions kept the case typed) to
 * its lower-case name, in one transaction per user. A user whose lower-case name is taken is left as it is
 * and reported (remove one of the two), and the command then fails.
 */
export async function userMigrate(target: Target, io: CliIo): Promise<void> {
  const users = await scanUsers(target, io);
  let moved = 0;
  const conflicts: string[] = [];
  for (const { user, key } of users) {
    if (isNormalUsername(user.username)) continue;
    const to = normaliseUsername(user.username);
    try {
      await target.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: target.tableName,
                Item: encodeUser({ ...user, username: to }),
                ConditionExpression: 'attribute_not_exists(#p)',
                ExpressionAttributeNames: { '#p': PARTITION_KEY },
              },
            },
            {
              Delete: {
                TableName: target.tableName,
                Key: key,
                ConditionExpression: 'attribute_exists(#p)',
                ExpressionAttributeNames: { '#p': PARTITION_KEY },
              },
            },
          ],
        }),
      );
      moved += 1;
      io.stderr.write(`Moved ${user.username} to ${to}.\n`);
    } catch (error) {
      if (!(error instanceof Error && error.name === 'TransactionCanceledException')) throw error;
      conflicts.push(user.username);
      io.stderr.write(`Left ${user.username}: user ${to} exists already (or ${user.username} changed).\n`);
    }
  }
  io.stderr.write(`${moved} user(s) moved to lower-case names.\n`);
  if (conflicts.length > 0)
    throw new CliError(
      `${conflicts.length} user(s) not moved; remove the duplicate (\`footfall user remove <name>\` removes the lower-case one) and run this again.`,
    );
}
