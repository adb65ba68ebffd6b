// Users on the admin page (admin): add one (the API makes up its first password), read and set its role and
// sites, sign it out everywhere. Listing users stays `footfall user list`: users are one partition each, and
// the API never scans the table.
import { randomBytes } from 'node:crypto';
import {
  normaliseUsername,
  type Role,
  roleOf,
  USERNAME_PATTERN,
  type User,
  type UserAccessResponse,
  type UserCreatedResponse,
  userAccessBody,
  userCreationBody,
} from '@footfall/core-model';
import { addUser, readUser, setUserAccess, signOutUser } from '@footfall/store';
import { requireAdmin } from '../access';
import { countUnits, type RequestContext, type RouteHandler } from '../context';
import { ApiError, badRequest, notFound } from '../errors';
import { json, readJsonBody } from '../http';
import { validate } from '../validation';
import { siteParam } from './sites';

/** Random bytes of a password the API makes up: 18 bytes = 24 base64url characters, 144 bits. */
const PASSWORD_BYTES = 18;

const describeUser = (user: User): UserAccessResponse => ({
  username: user.username,
  role: roleOf(user),
  sites: roleOf(user) === 'admin' ? [] : (user.sites ?? []),
  createdAt: new Date(user.createdAt).toISOString(),
});

/** The `{name}` of a user route, or a 400. */
function nameParam(ctx: RequestContext): string {
  const name = ctx.params.name ?? '';
  if (!USERNAME_PATTERN.test(name))
    throw badRequest('invalid_username', 'name: 1–64 letters, digits or . _ @ -');
  return normaliseUsername(name);
}

/** A viewer's sites (well-formed, each once); an admin's are none (it reads every site). */
function sitesFor(role: Role, sites: readonly string[] | undefined): string[] {
  if (role === 'admin') {
    if (sites && sites.length > 0) throw badRequest('invalid_sites', 'sites: an admin reads every site');
    return [];
  }
  return [...new Set((sites ?? []).map((s) => siteParam(s)))].sort();
}

/** The JSON body of a request, validated. */
function bodyOf<T>(ctx: RequestContext, schema: Parameters<typeof validate<T>>[0]): T {
  const body = readJsonBody(ctx.event, ctx.headers);
  if (!body.ok) throw body.error;
  const parsed = validate(schema, body.value, 'invalid_user');
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

/**
 * `POST /api/users {"username","role","sites"?}` (admin) → 201 with the user and its first password, shown
 * once (144 random bits; `footfall user passwd` sets another). 409 `user_exists` when the name is taken.
 */
export const userAddRoute: RouteHandler = async (ctx) => {
  const session = await requireAdmin(ctx);
  const body = bodyOf(ctx, userCreationBody);
  const password = randomBytes(PASSWORD_BYTES).toString('base64url');
  const { hashPassword } = await import('@footfall/tokens');
  const user: User = {
    username: normaliseUsername(body.username),
    passwordHash: await hashPassword(password),
    createdAt: ctx.now(),
    sessionEpoch: 0,
    role: body.role,
    sites: sitesFor(body.role, body.sites),
  };
  if ((await addUser(ctx.table, user)) === 'exists')
    throw new ApiError(409, 'user_exists', `User ${user.username} exists already (usernames ignore case).`);
  // The password is in the answer only: never in a log line.
  ctx.log.info('user added', { user: user.username, role: body.role, by: session.username });
  const response: UserCreatedResponse = { ...describeUser(user), password };
  return json(201, response);
};

/** `GET /api/users/{name}` (admin) → the user's role and sites. */
export const userReadRoute: RouteHandler = async (ctx) => {
  await requireAdmin(ctx);
  const name = nameParam(ctx);
  const read = await readUser(ctx.table, name);
  countUnits(ctx, read);
  if (!read.user) throw notFound(`There is no user ${name}.`);
  if (!read.user.ok) throw new ApiError(500, 'unreadable_user', `The item of user ${name} is unreadable.`);
  return json(200, describeUser(read.user.value));
};

/**
 * `POST /api/users/{name}/access {"role","sites"?}` (admin) → the user as it is now; running functions apply it
 * within their session cache's minute. An admin cannot change its own role (so nobody locks the last admin out).
 */
export const userAccessRoute: RouteHandler = async (ctx) => {
  const session = await requireAdmin(ctx);
  const name = nameParam(ctx);
  const body = bodyOf(ctx, userAccessBody);
  if (name === session.username && body.role !== 'admin')
    throw new ApiError(409, 'own_role', 'You cannot take your own admin role; ask another admin.');
  const sites = sitesFor(body.role, body.sites);
  if ((await setUserAccess(ctx.table, name, body.role, sites)) === 'missing')
    throw notFound(`There is no user ${name}.`);
  ctx.sessions.forget(name);
  ctx.log.info('user access changed', { user: name, role: body.role, by: session.username });
  const read = await readUser(ctx.table, name);
  countUnits(ctx, read);
  if (!read.user?.ok) throw notFound(`There is no user ${name}.`);
  return json(200, describeUser(read.user.value));
};

/** `POST /api/users/{name}/signout` (admin) → 204: every session of the user ends within a minute. */
export const userSignoutRoute: RouteHandler = async (ctx) => {
  const session = await requireAdmin(ctx);
  const name = nameParam(ctx);
  if ((await signOutUser(ctx.table, name)) === 'missing') throw notFound(`There is no user ${name}.`);
  ctx.sessions.forget(name);
  ctx.log.info('user signed out everywhere', { user: name, by: session.username });
  return { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' };
};
