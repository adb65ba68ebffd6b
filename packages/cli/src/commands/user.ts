// `footfall user add|passwd|remove|list`: dashboard users as user items, passwords as PBKDF2 PHC strings.
import { DeleteItemCommand, GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  decodeUser,
  encodeUser,
  type Item,
  PARTITION_KEY,
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

/** Checks a username against core-model's rule (letters, digits, `._@-`, up to 64). */
export function checkUsername(name: string | undefined): string {
  if (!name) throw new UsageError('Name the user, e.g. `footfall user add alice`.');
  if (!USERNAME_PATTERN.test(name))
    throw new UsageError('A username has 1–64 letters, digits or the characters . _ @ -');
  return name;
}

async function writeUser(target: Target, user: User, mustExist: boolean): Promise<void> {
  await target.client.send(
    new PutItemCommand({
      TableName: target.tableName,
      Item: encodeUser(user),
      ConditionExpression: mustExist ? 'attribute_exists(#p)' : 'attribute_not_exists(#p)',
      ExpressionAttributeNames: { '#p': PARTITION_KEY },
    }),
  );
}

/** `user add <name>`: creates a user; refuses an existing name. */
export async function userAdd(
  target: Target,
  io: CliIo,
  name: string | undefined,
  fromStdin: boolean,
): Promise<void> {
  const username = checkUsername(name);
  const password = await readNewPassword(io, fromStdin);
  const user = { username, passwordHash: await hashPassword(password), createdAt: Date.now() };
  try {
    await writeUser(target, user, false);
  } catch (error) {
    if (conditionalFailed(error))
      throw new CliError(`User ${username} already exists; use \`footfall user passwd ${username}\`.`);
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

/** `user passwd <name>`: replaces a user's password (keeping the rest of the user) and lifts a lockout. */
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
  const password = await readNewPassword(io, fromStdin);
  try {
    await writeUser(target, { ...current, passwordHash: await hashPassword(password) }, true);
  } catch (error) {
    if (conditionalFailed(error)) throw new CliError(`There is no user ${username}.`);
    throw error;
  }
  await target.client.send(
    new DeleteItemCommand({ TableName: target.tableName, Key: throttleKey(username) }),
  );
  io.stderr.write(`Changed the password of ${username}.\n`);
}

/** `user remove <name>`: deletes a user (sessions already issued run out with their TTL). */
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
  io.stderr.write(`Removed user ${username}.\n`);
}

/**
 * `user list`: one line per user, `name<TAB>created`. Users are one partition each, so this scans the table
 * (an admin's occasional command; the API never scans).
 */
export async function userList(target: Target, io: CliIo): Promise<void> {
  const users: User[] = [];
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
      if (user.ok) users.push(user.value);
      else io.stderr.write(`Skipped an unreadable user item: ${user.error.message}\n`);
    }
    startKey = out.LastEvaluatedKey;
    if (!startKey) break;
  }
  users.sort((a, b) => (a.username < b.username ? -1 : 1));
  for (const u of users) io.stdout.write(`${u.username}\t${new Date(u.createdAt).toISOString()}\n`);
}
