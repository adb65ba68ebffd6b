// `footfall user add|passwd|signout|remove|list|migrate`: dashboard users as user items, passwords as PBKDF2
// PHC strings, sessions revoked through each user's session epoch.
import {
  isNormalUsername,
  MAX_USER_SITES,
  normaliseUsername,
  ROLES,
  type Role,
  roleOf,
  USERNAME_PATTERN,
  type User,
} from '@footfall/core-model';
import {
  addUser,
  changePassword,
  clearSigninThrottle,
  listUsers,
  moveUser,
  readUser as readStoredUser,
  removeUser,
  type StoredUser,
  setUserAccess,
  signOutUser,
} from '@footfall/store';
import { hashPassword } from '@footfall/tokens';
import type { Target } from '../client';
import { CliError, UsageError } from '../errors';
import type { CliIo } from '../io';
import { readNewPassword } from '../readPassword';
import { checkSite } from './site';

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

/** Checks `--role`: admin or viewer (SPEC §3). */
export function checkRole(role: string | undefined): Role | undefined {
  if (role === undefined) return undefined;
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError('--role is admin or viewer.');
  return role as Role;
}

/** Checks `--sites a.com,b.com`: host names, each once, in their lower-case spelling. */
export function checkSites(sites: string | undefined): string[] {
  if (sites === undefined) return [];
  const list = [
    ...new Set(
      sites
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map(checkSite),
    ),
  ];
  if (list.length > MAX_USER_SITES)
    throw new UsageError(`A viewer may be granted at most ${MAX_USER_SITES} sites.`);
  return list;
}

/** Who may do what, as `--role` and `--sites` describe it. */
export interface AccessOptions {
  role?: string | undefined;
  sites?: string | undefined;
}

/**
 * `user add <name> [--role admin|viewer] [--sites a,b]`: creates a user (an admin unless `--role viewer`);
 * refuses a name that exists in any spelling.
 */
export async function userAdd(
  target: Target,
  io: CliIo,
  name: string | undefined,
  fromStdin: boolean,
  access: AccessOptions = {},
): Promise<void> {
  const username = checkUsername(name);
  const role = checkRole(access.role) ?? 'admin';
  const sites = checkSites(access.sites);
  if (role === 'admin' && sites.length > 0)
    throw new UsageError('An admin reads every site; --sites is for --role viewer.');
  const password = await readNewPassword(io, fromStdin, [username]);
  const user: User = {
    username,
    passwordHash: await hashPassword(password),
    createdAt: Date.now(),
    sessionEpoch: 0,
    role,
    sites,
  };
  if ((await addUser(target, user)) === 'exists')
    throw new CliError(
      `User ${username} already exists (usernames ignore case); use \`footfall user passwd ${username}\`.`,
    );
  io.stderr.write(`Created user ${username} (${describeAccess(user)}).\n`);
}

/** A user's access in words: `admin` or `viewer of a.com, b.com`. */
const describeAccess = (user: Pick<User, 'role' | 'sites'>): string =>
  roleOf(user) === 'admin'
    ? 'admin, every site'
    : `viewer of ${user.sites?.length ? user.sites.join(', ') : 'no site yet'}`;

/**
 * `user grant <name> [--role admin|viewer] [--sites a,b]`: sets the role and adds sites a viewer may read.
 * Running functions see it within a minute (their session cache).
 */
export async function userGrant(
  target: Target,
  io: CliIo,
  name: string | undefined,
  access: AccessOptions,
): Promise<void> {
  const username = checkUsername(name);
  const role = checkRole(access.role);
  const added = checkSites(access.sites);
  if (role === undefined && added.length === 0) throw new UsageError('Give --role and/or --sites.');
  const current = await readUser(target, username);
  if (!current) throw new CliError(`There is no user ${username}.`);
  const nextRole = role ?? roleOf(current);
  if (nextRole === 'admin' && added.length > 0)
    throw new UsageError(`${username} is an admin and reads every site; --sites is for viewers.`);
  const sites = nextRole === 'admin' ? [] : [...new Set([...(current.sites ?? []), ...added])].sort();
  if ((await setUserAccess(target, username, nextRole, sites)) === 'missing')
    throw new CliError(`There is no user ${username}.`);
  io.stderr.write(`${username} is now ${describeAccess({ role: nextRole, sites })} (${REVOCATION_DELAY}).\n`);
}

/** `user revoke <name> --sites a,b`: removes sites a viewer may read, within a minute. */
export async function userRevoke(
  target: Target,
  io: CliIo,
  name: string | undefined,
  access: AccessOptions,
): Promise<void> {
  const username = checkUsername(name);
  const removed = checkSites(access.sites);
  if (removed.length === 0) throw new UsageError('Name the sites to revoke with --sites.');
  const current = await readUser(target, username);
  if (!current) throw new CliError(`There is no user ${username}.`);
  if (roleOf(current) === 'admin')
    throw new CliError(
      `${username} is an admin and reads every site; make it a viewer first (user grant --role viewer).`,
    );
  const sites = (current.sites ?? []).filter((s) => !removed.includes(s));
  if ((await setUserAccess(target, username, 'viewer', sites)) === 'missing')
    throw new CliError(`There is no user ${username}.`);
  io.stderr.write(`${username} is now ${describeAccess({ role: 'viewer', sites })} (${REVOCATION_DELAY}).\n`);
}

/** The stored user, or undefined when there is none (an unreadable item is an error, not a missing user). */
async function readUser(target: Target, username: string): Promise<User | undefined> {
  const { user } = await readStoredUser(target, username);
  if (user === undefined) return undefined;
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
  if ((await changePassword(target, username, await hashPassword(password))) === 'missing')
    throw new CliError(`There is no user ${username}.`);
  await clearSigninThrottle(target, username);
  io.stderr.write(
    `Changed the password of ${username}; sessions signed in before end ${REVOCATION_DELAY}.\n`,
  );
}

/** `user signout <name>`: ends every session of a user (a new session epoch); the password stays. */
export async function userSignout(target: Target, io: CliIo, name: string | undefined): Promise<void> {
  const username = checkUsername(name);
  if ((await signOutUser(target, username)) === 'missing')
    throw new CliError(`There is no user ${username}.`);
  io.stderr.write(`Signed ${username} out everywhere; open sessions end ${REVOCATION_DELAY}.\n`);
}

/** `user remove <name>`: deletes a user; its tokens stop working once no user backs them. */
export async function userRemove(target: Target, io: CliIo, name: string | undefined): Promise<void> {
  const username = checkUsername(name);
  if ((await removeUser(target, username)) === 'missing') throw new CliError(`There is no user ${username}.`);
  io.stderr.write(`Removed user ${username}; its sessions end ${REVOCATION_DELAY}.\n`);
}

/** Every user item, decoded (with the raw key of each), reporting the items that are not users on stderr. */
async function scanUsers(target: Target, io: CliIo): Promise<StoredUser[]> {
  const { users, unreadable } = await listUsers(target);
  for (const why of unreadable) io.stderr.write(`Skipped an unreadable user item: ${why}\n`);
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
    const access = roleOf(user) === 'admin' ? 'admin' : `viewer\t${(user.sites ?? []).join(',')}`;
    io.stdout.write(`${user.username}\t${new Date(user.createdAt).toISOString()}\t${access}${flag}\n`);
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
    if ((await moveUser(target, user, key)) === 'moved') {
      moved += 1;
      io.stderr.write(`Moved ${user.username} to ${to}.\n`);
    } else {
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
