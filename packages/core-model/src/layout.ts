// The table layout: key formats and item codecs for raw views, users and sign-in throttles (docs/data-model.md).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { bool, type Decoded, type Item, int, item, oneOf, optional, str } from './attributes';
import { DecodeError } from './errors';
import { err, ok } from './result';

/** Names of the table's key and TTL attributes (template.yaml declares the same). */
export const PARTITION_KEY = 'Path';
export const SORT_KEY = 'Section';
export const TTL_ATTRIBUTE = 'ExpiresAt';

/** The Section value of raw view items; the stream filter passes only these. */
export const VIEW_SECTION = 'view';

/** A table key. */
export type Key = { Path: { S: string }; Section: { S: string } };

const key = (path: string, section: string): Key => ({ Path: { S: path }, Section: { S: section } });

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
export const viewKey = (id: string): Key => key(`view#${id.toLowerCase()}`, VIEW_SECTION);

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

/** The parts of an UpdateItem (without TableName) that core-model builds. */
export interface UpdateParts {
  Key: Key;
  UpdateExpression: string;
  ConditionExpression?: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, AttributeValue>;
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
): UpdateParts {
  const names = { '#d': 'Duration', '#s': 'Scroll' };
  const values: Record<string, AttributeValue> = {
    ':d': { N: String(next.duration) },
    ':s': { N: String(next.scroll) },
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
    UpdateExpression: 'SET #d = :d, #s = :s',
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
  username: string;
  /** PHC string `$pbkdf2-sha256$i=…,l=32$salt$hash`. */
  passwordHash: string;
  createdAt: number;
}

export const USERNAME_PATTERN = /^[a-zA-Z0-9._@-]{1,64}$/;

const userAttributes = item({
  Path: str({ pattern: /^user#/ }),
  Section: oneOf(['user']),
  PasswordHash: str({ maxLength: 512 }),
  CreatedAt: int({ min: 0 }),
});

/** The key of a user item. */
export const userKey = (username: string): Key => key(`user#${username}`, 'user');

/** The partition prefix every user item starts with (for listing users). */
export const USER_PREFIX = 'user#';

export function encodeUser(u: User): Item {
  return userAttributes.encode({
    Path: `user#${u.username}`,
    Section: 'user',
    PasswordHash: u.passwordHash,
    CreatedAt: u.createdAt,
  });
}

export function decodeUser(image: unknown, path = ''): Decoded<User> {
  const d = userAttributes.decode(image, path);
  if (!d.ok) return d;
  return ok({
    username: d.value.Path.slice('user#'.length),
    passwordHash: d.value.PasswordHash,
    createdAt: d.value.CreatedAt,
  });
}

/** Sign-in failures of one username within the current window (SPEC §3: 5 in 15 minutes → 429). */
export interface SigninThrottle {
  username: string;
  failures: number;
  /** Epoch ms when the window started. */
  windowStart: number;
}

export const SIGNIN_WINDOW_MS = 15 * 60_000;
export const SIGNIN_MAX_FAILURES = 5;

const throttleAttributes = item({
  Path: str({ pattern: /^signin#/ }),
  Section: oneOf(['throttle']),
  Failures: int({ min: 0 }),
  WindowStart: int({ min: 0 }),
  ExpiresAt: int({ min: 0 }),
});

/** The key of a username's sign-in throttle item. */
export const throttleKey = (username: string): Key => key(`signin#${username.toLowerCase()}`, 'throttle');

export function decodeThrottle(image: unknown, path = ''): Decoded<SigninThrottle> {
  const d = throttleAttributes.decode(image, path);
  if (!d.ok) return d;
  return ok({
    username: d.value.Path.slice('signin#'.length),
    failures: d.value.Failures,
    windowStart: d.value.WindowStart,
  });
}

export function encodeThrottle(t: SigninThrottle): Item {
  return throttleAttributes.encode({
    Path: `signin#${t.username.toLowerCase()}`,
    Section: 'throttle',
    Failures: t.failures,
    WindowStart: t.windowStart,
    ExpiresAt: Math.ceil((t.windowStart + SIGNIN_WINDOW_MS) / 1000) + 60,
  });
}

/** Reads the key of an item or stream `Keys` map, for logs and routing. */
export function decodeKey(keys: unknown, path = 'Keys'): Decoded<{ path: string; section: string }> {
  if (keys === null || typeof keys !== 'object') return err(new DecodeError(path, 'key map', String(keys)));
  const k = keys as Record<string, unknown>;
  const p = str().decode(k[PARTITION_KEY], `${path}.${PARTITION_KEY}`);
  if (!p.ok) return p;
  const s = str().decode(k[SORT_KEY], `${path}.${SORT_KEY}`);
  if (!s.ok) return s;
  return ok({ path: p.value, section: s.value });
}
