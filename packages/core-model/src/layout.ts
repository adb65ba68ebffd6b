// The table layout: key formats and item codecs for raw views, users and sign-in throttles (docs/data-model.md).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ok } from '@footfall/kernel';
import {
  bool,
  type Decoded,
  type Item,
  int,
  item,
  list,
  num,
  oneOf,
  optional,
  str,
  withDefault,
} from './attributes';
import {
  type DeleteParts,
  itemAbsent,
  itemExists,
  type PutParts,
  type ScanParts,
  type UpdateParts,
} from './commandParts';
import { itemKey, type Key, PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from './keys';

/** The Section value of raw view items; the stream filter passes only these. */
export const VIEW_SECTION = 'view';

/** Limits applied at ingest, in UTF-8 bytes (SPEC §3), so a raw view stays small and its values fit a trie item. */
export const LIMITS = {
  site: 253,
  path: 512,
  referrer: 253,
  utm: 100,
  uaName: 64,
  username: 64,
  /** Latest view time accepted (9999-12-31T23:59:59.999Z), so date arithmetic on it can never throw. */
  time: 253_402_300_799_999,
} as const;

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DEVICES = ['desktop', 'mobile', 'tablet', 'bot', 'other'] as const;
export type Device = (typeof DEVICES)[number];

/** One page view as stored (raw view item), already enriched at ingest; the trigger aggregates these. */
export interface RawView {
  id: string;
  site: string;
  path: string;
  /** Epoch milliseconds at ingest. */
  time: number;
  unique: boolean;
  bot: boolean;
  browser: string;
  os: string;
  device: Device;
  country?: string | undefined;
  referrer?: string | undefined;
  utmSource?: string | undefined;
  utmCampaign?: string | undefined;
  /** Latest engagement (seconds, percent); absent until an engagement event arrives. */
  duration?: number | undefined;
  scroll?: number | undefined;
  /** TTL, epoch seconds. */
  expiresAt: number;
}

const rawViewAttributes = item({
  Path: str({ pattern: /^view#[0-9a-fA-F-]{36}$/ }),
  Section: oneOf([VIEW_SECTION]),
  Site: str({ maxBytes: LIMITS.site }),
  Page: str({ maxBytes: LIMITS.path, pattern: /^\// }),
  Time: int({ min: 0, max: LIMITS.time }),
  Unique: bool(),
  Bot: bool(),
  Browser: str({ maxBytes: LIMITS.uaName }),
  Os: str({ maxBytes: LIMITS.uaName }),
  Device: oneOf(DEVICES),
  Country: optional(str({ pattern: /^[A-Z]{2}$/ })),
  Referrer: optional(str({ maxBytes: LIMITS.referrer })),
  UtmSource: optional(str({ maxBytes: LIMITS.utm })),
  UtmCampaign: optional(str({ maxBytes: LIMITS.utm })),
  Duration: optional(int({ min: 0, max: 7200 })),
  Scroll: optional(int({ min: 0, max: 100 })),
  ExpiresAt: int({ min: 0 }),
});

/** The key of a raw view item. @example viewKey('0b0c…') → { Path: 'view#0b0c…', Section: 'view' } */
export const viewKey = (id: string): Key => itemKey(`view#${id.toLowerCase()}`, VIEW_SECTION);

/** The id of the raw view a key names (see `decodeKey`), or undefined when the key is not a raw view's. */
export function viewIdOf(key: { path: string; section: string }): string | undefined {
  return key.section === VIEW_SECTION && key.path.startsWith('view#')
    ? key.path.slice('view#'.length)
    : undefined;
}

/** Encodes a raw view as a full item for PutItem. */
export function encodeRawView(v: RawView): Item {
  return rawViewAttributes.encode({
    Path: `view#${v.id.toLowerCase()}`,
    Section: VIEW_SECTION,
    Site: v.site,
    Page: v.path,
    Time: v.time,
    Unique: v.unique,
    Bot: v.bot,
    Browser: v.browser,
    Os: v.os,
    Device: v.device,
    Country: v.country,
    Referrer: v.referrer,
    UtmSource: v.utmSource,
    UtmCampaign: v.utmCampaign,
    Duration: v.duration,
    Scroll: v.scroll,
    ExpiresAt: v.expiresAt,
  });
}

/** Decodes a raw view item or stream image; the error names the attribute path under `path`. */
export function decodeRawView(image: unknown, path = ''): Decoded<RawView> {
  const d = rawViewAttributes.decode(image, path);
  if (!d.ok) return d;
  const a = d.value;
  return ok({
    id: a.Path.slice('view#'.length).toLowerCase(),
    site: a.Site,
    path: a.Page,
    time: a.Time,
    unique: a.Unique,
    bot: a.Bot,
    browser: a.Browser,
    os: a.Os,
    device: a.Device,
    country: a.Country,
    referrer: a.Referrer,
    utmSource: a.UtmSource,
    utmCampaign: a.UtmCampaign,
    duration: a.Duration,
    scroll: a.Scroll,
    expiresAt: a.ExpiresAt,
  });
}

/**
 * Records a pageview on its raw view item: sets every field, on a new item or on one that an early
 * engagement created (which keeps its Duration and Scroll), and only if no pageview was recorded yet, so a
 * beacon retried with the same id counts once.
 */
export function pageviewUpsert(v: RawView): UpdateParts {
  const fields = encodeRawView(v);
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  const sets: string[] = [];
  let i = 0;
  for (const [name, value] of Object.entries(fields)) {
    if (name === PARTITION_KEY || name === SORT_KEY || name === 'Duration' || name === 'Scroll') continue;
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    sets.push(`#f${i} = :f${i}`);
    i++;
  }
  names['#page'] = 'Page';
  return {
    Key: viewKey(v.id),
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: 'attribute_not_exists(#page)',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * Raises a view's engagement to at least (`duration`, `scroll`) when neither would go down, creating the item
 * if the pageview has not arrived yet (it then expires at `pendingExpiresAt` unless the pageview comes). When
 * the condition fails, one of the stored values is larger: `engagementRaise` finishes the job.
 */
export function engagementUpsert(
  id: string,
  duration: number,
  scroll: number,
  pendingExpiresAt: number,
): UpdateParts {
  return {
    Key: viewKey(id),
    UpdateExpression: 'SET #d = :d, #s = :s, #e = if_not_exists(#e, :e)',
    ConditionExpression: '(attribute_not_exists(#d) OR #d <= :d) AND (attribute_not_exists(#s) OR #s <= :s)',
    ExpressionAttributeNames: { '#d': 'Duration', '#s': 'Scroll', '#e': TTL_ATTRIBUTE },
    ExpressionAttributeValues: {
      ':d': { N: String(duration) },
      ':s': { N: String(scroll) },
      ':e': { N: String(pendingExpiresAt) },
    },
  };
}

/**
 * Sets a view's engagement to the larger of what is stored (`stored`) and what arrived, only if the stored
 * values are still those (optimistic concurrency: a concurrent raise makes it fail and the caller re-reads).
 */
export function engagementRaise(
  id: string,
  next: { duration: number; scroll: number },
  stored: { duration: number | undefined; scroll: number | undefined },
  pendingExpiresAt: number,
): UpdateParts {
  const names = { '#d': 'Duration', '#s': 'Scroll', '#e': TTL_ATTRIBUTE };
  const values: Record<string, AttributeValue> = {
    ':d': { N: String(next.duration) },
    ':s': { N: String(next.scroll) },
    ':e': { N: String(pendingExpiresAt) },
  };
  const conditions: string[] = [];
  if (stored.duration === undefined) conditions.push('attribute_not_exists(#d)');
  else {
    conditions.push('#d = :od');
    values[':od'] = { N: String(stored.duration) };
  }
  if (stored.scroll === undefined) conditions.push('attribute_not_exists(#s)');
  else {
    conditions.push('#s = :os');
    values[':os'] = { N: String(stored.scroll) };
  }
  return {
    Key: viewKey(id),
    // The item may have expired meanwhile: then this creates one, which must expire on its own too.
    UpdateExpression: 'SET #d = :d, #s = :s, #e = if_not_exists(#e, :e)',
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

const storedEngagement = item({
  Duration: optional(int({ min: 0, max: 7200 })),
  Scroll: optional(int({ min: 0, max: 100 })),
});

/** Reads the engagement stored on a raw view item (or an early-engagement item). */
export function decodeStoredEngagement(
  image: unknown,
  path = '',
): Decoded<{ duration: number | undefined; scroll: number | undefined }> {
  const d = storedEngagement.decode(image, path);
  if (!d.ok) return d;
  return ok({ duration: d.value.Duration, scroll: d.value.Scroll });
}

const pendingAttributes = item({
  Path: str({ pattern: /^view#[0-9a-fA-F-]{36}$/ }),
  Section: oneOf([VIEW_SECTION]),
  Duration: optional(int({ min: 0, max: 7200 })),
  Scroll: optional(int({ min: 0, max: 100 })),
});

/** A raw view item as the stream shows it: a recorded view, or engagement that arrived before its pageview. */
export type StoredView =
  | { kind: 'view'; view: RawView }
  | { kind: 'pending'; duration: number | undefined; scroll: number | undefined };

/**
 * Decodes a raw view item or stream image. An item without `Page` is an early engagement waiting for its
 * pageview (nothing to count yet); anything else must be a whole, valid view.
 */
export function decodeStoredView(image: unknown, path = ''): Decoded<StoredView> {
  if (image !== null && typeof image === 'object' && !Array.isArray(image) && !('Page' in image)) {
    const p = pendingAttributes.decode(image, path);
    if (!p.ok) return p;
    return ok({ kind: 'pending', duration: p.value.Duration, scroll: p.value.Scroll });
  }
  const v = decodeRawView(image, path);
  if (!v.ok) return v;
  return ok({ kind: 'view', view: v.value });
}

/** The fields that make a view what it is; only engagement (and expiry) may change once it is stored. */
const IDENTITY: readonly (keyof RawView)[] = [
  'id',
  'site',
  'path',
  'time',
  'unique',
  'bot',
  'browser',
  'os',
  'device',
  'country',
  'referrer',
  'utmSource',
  'utmCampaign',
];

/** True when two images are the same view (they may differ in engagement and expiry only). */
export const sameViewIdentity = (a: RawView, b: RawView): boolean => IDENTITY.every((k) => a[k] === b[k]);

/** A dashboard user. */
export interface User {
  /** Lower-case, as stored; a legacy item may hold a mixed-case name (see `isNormalUsername`). */
  username: string;
  /** PHC string `$pbkdf2-sha256$i=…,l=32$salt$hash`. */
  passwordHash: string;
  createdAt: number;
  /**
   * Session epoch: tokens name the epoch they were issued under, and bumping it revokes them all
   * (`user passwd`, `user signout`). Items written before epochs existed read as 0.
   */
  sessionEpoch: number;
  /** SPEC §3: `admin` reads every site and manages them; `viewer` reads `sites` only. Absent = admin. */
  role?: Role | undefined;
  /** The sites a viewer may read (ignored for an admin). Absent = none. */
  sites?: string[] | undefined;
}

/** The roles of SPEC §3. */
export const ROLES = ['admin', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Most sites one viewer may be granted (keeps a user item far below one read unit). */
export const MAX_USER_SITES = 100;

/**
 * The role a user has: items written before roles existed hold none, and their users were admins (every
 * signed-in user read every site), so they stay admins.
 * @example roleOf({ …, role: undefined }) // 'admin'
 */
export const roleOf = (user: Pick<User, 'role'>): Role => user.role ?? 'admin';

/** What a username may look like as typed (any case); it is stored and looked up lower-case. */
export const USERNAME_PATTERN = /^[a-zA-Z0-9._@-]{1,64}$/;

/**
 * The one spelling of a username: usernames are case-insensitive, so `Bob` and `bob` are the same user.
 * @example normaliseUsername('Bob') // 'bob'
 */
export const normaliseUsername = (username: string): string => username.toLowerCase();

/** Whether a stored name is already in its normal (lower-case) spelling; older versions kept the case typed. */
export const isNormalUsername = (username: string): boolean => normaliseUsername(username) === username;

/** Attribute names of user items, for update expressions and the IAM policy that limits them. */
export const USER_ATTRIBUTES = {
  passwordHash: 'PasswordHash',
  createdAt: 'CreatedAt',
  sessionEpoch: 'SessionEpoch',
  role: 'Role',
  sites: 'Sites',
} as const;

const userAttributes = item({
  Path: str({ pattern: /^user#/ }),
  Section: oneOf(['user']),
  PasswordHash: str({ maxLength: 512 }),
  CreatedAt: int({ min: 0 }),
  SessionEpoch: withDefault(int({ min: 0 }), 0),
  Role: optional(oneOf(ROLES)),
  Sites: optional(list(str({ maxBytes: LIMITS.site }), { maxItems: MAX_USER_SITES })),
});

/** The key of a user item; the name is normalised, so any spelling finds the same user. */
export const userKey = (username: string): Key => itemKey(`user#${normaliseUsername(username)}`, 'user');

/** The partition prefix every user item starts with (for listing users). */
export const USER_PREFIX = 'user#';

/** Encodes a user as a full item for PutItem, under the normalised name. */
export function encodeUser(u: User): Item {
  return userAttributes.encode({
    Path: `user#${normaliseUsername(u.username)}`,
    Section: 'user',
    PasswordHash: u.passwordHash,
    CreatedAt: u.createdAt,
    SessionEpoch: u.sessionEpoch,
    Role: u.role,
    Sites: u.sites,
  });
}

/** Decodes a user item; the username is the one stored (lower-case, except in legacy items). */
export function decodeUser(image: unknown, path = ''): Decoded<User> {
  const d = userAttributes.decode(image, path);
  if (!d.ok) return d;
  return ok({
    username: d.value.Path.slice('user#'.length),
    passwordHash: d.value.PasswordHash,
    createdAt: d.value.CreatedAt,
    sessionEpoch: d.value.SessionEpoch,
    role: d.value.Role,
    sites: d.value.Sites,
  });
}

/** Stores a new user; DynamoDB refuses it (a failed condition) when a user of that name exists. */
export const userCreation = (u: User): PutParts => ({ Item: encodeUser(u), ...itemAbsent });

/** Stores a user whatever is there (`pnpm dev`'s admin, test users). */
export const userReplacement = (u: User): PutParts => ({ Item: encodeUser(u) });

/** Removes a user; DynamoDB refuses it (a failed condition) when there is none. */
export const userRemoval = (username: string): DeleteParts => ({ Key: userKey(username), ...itemExists });

/**
 * Moves a user stored under the item key `from` (a legacy spelling with capitals) to its normal spelling: the
 * put and the delete of one transaction, each refused when the other spelling's item is not as expected.
 */
export const userMove = (user: User, from: Key): { put: PutParts; delete: DeleteParts } => ({
  put: { Item: encodeUser({ ...user, username: normaliseUsername(user.username) }), ...itemAbsent },
  delete: { Key: from, ...itemExists },
});

/** The filter of a Scan that finds every user item (users are one partition each, so listing them scans). */
export const userScan = (): ScanParts => ({
  FilterExpression: 'begins_with(#p, :prefix)',
  ExpressionAttributeNames: { '#p': PARTITION_KEY },
  ExpressionAttributeValues: { ':prefix': { S: USER_PREFIX } },
});

/**
 * Replaces a user's password hash with a stronger one of the same password (sign-in's rehash), only while the
 * stored hash is still `oldHash`. It touches PasswordHash alone, which is all api-fn's IAM policy allows on a
 * user item; the condition also keeps it from creating an item for a user removed meanwhile.
 */
export function passwordHashUpgrade(username: string, oldHash: string, newHash: string): UpdateParts {
  return {
    Key: userKey(username),
    UpdateExpression: 'SET #h = :new',
    ConditionExpression: '#h = :old',
    ExpressionAttributeNames: { '#h': USER_ATTRIBUTES.passwordHash },
    ExpressionAttributeValues: { ':new': { S: newHash }, ':old': { S: oldHash } },
  };
}

/**
 * Sets a new password hash of an existing user and bumps its session epoch, so every token issued before
 * stops working (`footfall user passwd`).
 */
export function passwordChange(username: string, newHash: string): UpdateParts {
  return {
    Key: userKey(username),
    UpdateExpression: 'SET #h = :new ADD #e :one',
    ConditionExpression: 'attribute_exists(#p)',
    ExpressionAttributeNames: {
      '#h': USER_ATTRIBUTES.passwordHash,
      '#e': USER_ATTRIBUTES.sessionEpoch,
      '#p': PARTITION_KEY,
    },
    ExpressionAttributeValues: { ':new': { S: newHash }, ':one': { N: '1' } },
  };
}

/**
 * Sets an existing user's role and readable sites (`footfall user add --role`, `grant`, `revoke`, the admin
 * page). Running functions see it within their session cache's age (60 s at most).
 */
export function accessChange(username: string, role: Role, sites: readonly string[]): UpdateParts {
  return {
    Key: userKey(username),
    UpdateExpression: 'SET #r = :r, #s = :s',
    ConditionExpression: 'attribute_exists(#p)',
    ExpressionAttributeNames: {
      '#r': USER_ATTRIBUTES.role,
      '#s': USER_ATTRIBUTES.sites,
      '#p': PARTITION_KEY,
    },
    ExpressionAttributeValues: { ':r': { S: role }, ':s': { L: sites.map((site) => ({ S: site })) } },
  };
}

/** Bumps an existing user's session epoch: every token issued before stops working (`footfall user signout`). */
export function sessionRevocation(username: string): UpdateParts {
  return {
    Key: userKey(username),
    UpdateExpression: 'ADD #e :one',
    ConditionExpression: 'attribute_exists(#p)',
    ExpressionAttributeNames: { '#e': USER_ATTRIBUTES.sessionEpoch, '#p': PARTITION_KEY },
    ExpressionAttributeValues: { ':one': { N: '1' } },
  };
}

/** Sign-in attempts of one username within the current window (SPEC §3: 5 failures in 15 minutes → 429). */
export interface SigninThrottle {
  username: string;
  /** Attempts reserved in this window (each password check reserves one first; success deletes the item). */
  failures: number;
  /** Epoch ms when the window started. */
  windowStart: number;
}

export const SIGNIN_WINDOW_MS = 15 * 60_000;
export const SIGNIN_MAX_FAILURES = 5;

/**
 * Whether a username is locked out at `now` and for how many more seconds (SPEC §3: five attempts within
 * the window lock the username until the window passes).
 * @example signinLockout({ username: 'bob', failures: 5, windowStart: now - 60_000 }, now) // 840
 */
export function signinLockout(throttle: SigninThrottle | undefined, now: number): number | undefined {
  if (!throttle || throttle.failures < SIGNIN_MAX_FAILURES) return undefined;
  const until = throttle.windowStart + SIGNIN_WINDOW_MS;
  return now < until ? Math.max(1, Math.ceil((until - now) / 1000)) : undefined;
}

/** Attribute names of throttle items, for update expressions and the IAM policy that limits them. */
export const THROTTLE_ATTRIBUTES = {
  failures: 'Failures',
  windowStart: 'WindowStart',
  expiresAt: TTL_ATTRIBUTE,
} as const;

const throttleAttributes = item({
  Path: str({ pattern: /^signin#/ }),
  Section: oneOf(['throttle']),
  // Any number: a value the window rules can compare is a value `throttleRestart` can replace.
  Failures: num(),
  WindowStart: num(),
  // Only for TTL: a throttle whose expiry is missing or odd still counts.
  ExpiresAt: optional(num()),
});

/** The key of a username's sign-in throttle item. */
export const throttleKey = (username: string): Key =>
  itemKey(`signin#${normaliseUsername(username)}`, 'throttle');

export function decodeThrottle(image: unknown, path = ''): Decoded<SigninThrottle> {
  const d = throttleAttributes.decode(image, path);
  if (!d.ok) return d;
  return ok({
    username: d.value.Path.slice('signin#'.length),
    failures: d.value.Failures,
    windowStart: d.value.WindowStart,
  });
}

/** TTL of a throttle item: a minute after its window closes (TTL deletes lag; the window check does not). */
const throttleExpiry = (windowStart: number): number =>
  Math.ceil((windowStart + SIGNIN_WINDOW_MS) / 1000) + 60;

export function encodeThrottle(t: SigninThrottle): Item {
  return throttleAttributes.encode({
    Path: `signin#${normaliseUsername(t.username)}`,
    Section: 'throttle',
    Failures: t.failures,
    WindowStart: t.windowStart,
    ExpiresAt: throttleExpiry(t.windowStart),
  });
}

/**
 * Reserves one sign-in attempt in a single conditional write: `ADD 1` succeeds only while the window is open
 * and fewer than SIGNIN_MAX_FAILURES attempts are reserved (or when there is no throttle yet, which starts a
 * window at `now`). Concurrent attempts serialise on the item, so at most SIGNIN_MAX_FAILURES succeed per
 * window. A ConditionalCheckFailed means locked out or window over: read the item to tell which.
 */
export function throttleReservation(username: string, now: number): UpdateParts {
  return {
    Key: throttleKey(username),
    UpdateExpression: 'ADD #f :one SET #w = if_not_exists(#w, :now), #x = if_not_exists(#x, :expires)',
    ConditionExpression: 'attribute_not_exists(#f) OR (#w > :since AND #f < :max)',
    ExpressionAttributeNames: {
      '#f': THROTTLE_ATTRIBUTES.failures,
      '#w': THROTTLE_ATTRIBUTES.windowStart,
      '#x': THROTTLE_ATTRIBUTES.expiresAt,
    },
    ExpressionAttributeValues: {
      ':one': { N: '1' },
      ':now': { N: String(now) },
      ':expires': { N: String(throttleExpiry(now)) },
      ':since': { N: String(now - SIGNIN_WINDOW_MS) },
      ':max': { N: String(SIGNIN_MAX_FAILURES) },
    },
  };
}

/** The attempt number a granted reservation returned (`ReturnValues: UPDATED_NEW`), when it says one. */
export function reservedAttempt(attributes: Item | undefined): number | undefined {
  const failures = attributes?.[THROTTLE_ATTRIBUTES.failures]?.N;
  return failures === undefined ? undefined : Number(failures);
}

/** Ends a username's throttle window: a successful sign-in (or a new password) resets the count. */
export const throttleClearing = (username: string): DeleteParts => ({ Key: throttleKey(username) });

/**
 * Starts a new window holding this one attempt, replacing the window that began at `seenWindowStart` (over,
 * or unreadable when undefined). Conditional on the item still holding that window, so of two requests that
 * both find the window over only one restarts it; the other retries its reservation in the new window.
 */
export function throttleRestart(
  username: string,
  now: number,
  seenWindowStart: number | undefined,
): UpdateParts {
  const names: Record<string, string> = {
    '#f': THROTTLE_ATTRIBUTES.failures,
    '#w': THROTTLE_ATTRIBUTES.windowStart,
    '#x': THROTTLE_ATTRIBUTES.expiresAt,
  };
  const values: Record<string, AttributeValue> = {
    ':one': { N: '1' },
    ':now': { N: String(now) },
    ':expires': { N: String(throttleExpiry(now)) },
  };
  if (seenWindowStart !== undefined) values[':seen'] = { N: String(seenWindowStart) };
  else {
    values[':number'] = { S: 'N' };
    names['#p'] = PARTITION_KEY;
  }
  return {
    Key: throttleKey(username),
    UpdateExpression: 'SET #f = :one, #w = :now, #x = :expires',
    ConditionExpression:
      seenWindowStart !== undefined
        ? '#w = :seen'
        : // Still unreadable: written by hand, not by any sign-in (which only ever writes numbers).
          'attribute_exists(#p) AND NOT (attribute_type(#w, :number) AND attribute_type(#f, :number))',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** Every attribute name of raw view, user and throttle items (for the check that nothing else spells them). */
export const layoutAttributeNames = (): string[] => [
  ...rawViewAttributes.names,
  ...userAttributes.names,
  ...throttleAttributes.names,
];
