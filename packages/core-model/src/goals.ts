// Goals: what a site owner counts as a conversion (an event name, or a page path pattern), stored per site.
import { err, ok, type Result } from '@footfall/kernel';
import { type Decoded, type Item, int, item, oneOf, str } from './attributes';
import {
  type DeleteParts,
  itemAbsent,
  itemExists,
  type PutParts,
  partitionQuery,
  type QueryParts,
} from './commandParts';
import { EVENT_LIMITS } from './customEvents';
import { utf8Bytes } from './itemSize';
import { itemKey, type Key } from './keys';
import { LIMITS } from './layout';
import { hasForbiddenCharacters } from './schemas';

/** What a goal matches: an event name, or page paths. */
export const GOAL_KINDS = ['event', 'page'] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

/** Most goals one site may have: a dashboard panel's worth, and a goals report stays one small Query. */
export const MAX_GOALS_PER_SITE = 50;

/** One goal of a site. */
export interface Goal {
  /** 8 lower-case hex characters, unique within the site. */
  id: string;
  site: string;
  kind: GoalKind;
  /** The event name (kind `event`) or the path pattern (kind `page`: `/exact`, `/blog/*`, `/docs/**`). */
  match: string;
  /** Epoch ms. */
  createdAt: number;
}

export const GOAL_ID_PATTERN = /^[0-9a-f]{8}$/;

/** The partition of a site's goals: apart from its aggregates (`site#`), so ingest and reporting keep their rights. */
const goalPartition = (site: string): string => `goals#${site}`;

const goalAttributes = item({
  Path: str({ pattern: /^goals#/ }),
  Section: str({ pattern: /^goal#[0-9a-f]{8}$/ }),
  Kind: oneOf(GOAL_KINDS),
  Match: str({ maxBytes: LIMITS.path }),
  CreatedAt: int({ min: 0 }),
});

/** The key of one goal. */
export const goalKey = (site: string, id: string): Key => itemKey(goalPartition(site), `goal#${id}`);

/** Encodes a goal as a full item. */
export function encodeGoal(g: Goal): Item {
  return goalAttributes.encode({
    Path: goalPartition(g.site),
    Section: `goal#${g.id}`,
    Kind: g.kind,
    Match: g.match,
    CreatedAt: g.createdAt,
  });
}

/** Decodes a goal item. */
export function decodeGoal(image: unknown, path = ''): Decoded<Goal> {
  const d = goalAttributes.decode(image, path);
  if (!d.ok) return d;
  return ok({
    id: d.value.Section.slice('goal#'.length),
    site: d.value.Path.slice('goals#'.length),
    kind: d.value.Kind,
    match: d.value.Match,
    createdAt: d.value.CreatedAt,
  });
}

/** Stores a new goal (refused when the id is taken). */
export const goalCreation = (g: Goal): PutParts => ({ Item: encodeGoal(g), ...itemAbsent });

/** Removes a goal (refused when there is none). */
export const goalRemoval = (site: string, id: string): DeleteParts => ({
  Key: goalKey(site, id),
  ...itemExists,
});

/** Every goal of a site (one Query of its small partition). */
export const goalsQuery = (site: string): QueryParts => partitionQuery(goalPartition(site));

/**
 * Checks a goal's `match` for its kind: an event name as SPEC §3 allows it, or a path pattern that starts with
 * `/`, uses `*` only as a whole segment and `**` only as the last one. Returns the reason when it is not.
 * @example checkGoalMatch('page', '/blog/*') // ok
 */
export function checkGoalMatch(kind: GoalKind, match: string): Result<string, string> {
  if (match.length === 0) return err('must not be empty');
  if (hasForbiddenCharacters(match)) return err('must not contain control or bidi characters');
  if (kind === 'event') {
    if (utf8Bytes(match) > EVENT_LIMITS.name)
      return err(`must be at most ${EVENT_LIMITS.name} bytes (UTF-8)`);
    return ok(match);
  }
  if (!match.startsWith('/')) return err('must start with /');
  if (utf8Bytes(match) > LIMITS.path) return err(`must be at most ${LIMITS.path} bytes (UTF-8)`);
  const segments = match.split('/').slice(1);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] ?? '';
    if (s === '**' && i !== segments.length - 1) return err('may use ** only as its last segment');
    if (s !== '*' && s !== '**' && s.includes('*')) return err('may use * only as a whole segment');
  }
  return ok(match);
}

/**
 * Whether a page path matches a goal's pattern: `/exact`, `*` one whole non-empty segment (`/blog/*` matches
 * `/blog/a`, not `/blog/a/b`), `**` at the end any depth, including none (`/docs/**` matches `/docs`, `/docs/`, `/docs/a/b`).
 * @example pathMatches('/docs/**', '/docs/api/keys') // true
 */
export function pathMatches(pattern: string, path: string): boolean {
  if (!pattern.includes('*')) return pattern === path;
  const want = pattern.split('/');
  const got = path.split('/');
  for (let i = 0; i < want.length; i++) {
    const w = want[i];
    // Everything before matched: `**` takes the rest, whatever its depth (also none: `/docs` itself).
    if (w === '**' && i === want.length - 1) return true;
    const g = got[i];
    if (g === undefined) return false;
    if (w === '*') {
      if (g === '') return false;
    } else if (w !== g) return false;
  }
  return want.length === got.length;
}

/** Every attribute name of goal items. */
export const goalAttributeNames = (): readonly string[] => goalAttributes.names;
