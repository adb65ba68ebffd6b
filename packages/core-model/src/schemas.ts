// Request/response schemas of the HTTP API (SPEC §3), shared by api-fn and the dashboard. Built on zod/mini,
// which costs ~12 KB in a bundle instead of full zod's ~500 KB (ENVIRONMENT.md).
import * as z from 'zod/mini';
import { DIMENSIONS } from './dimensions';

/** Limits of SPEC §3 and the layout (a raw view must stay one write unit). */
export const MAX_BODY_BYTES = 8 * 1024;
export const MAX_RANGE_DAYS = 400;
export const MAX_DURATION_SECONDS = 7200;

/**
 * C0 and C1 control characters, DEL, and the Unicode bidi controls (ALM, LRM, RLM, LRE…RLO, LRI…PDI), which
 * SPEC §3 refuses in any text field: they hide or reorder what a dashboard shows. Lone surrogates are refused
 * too: they are not text, and DynamoDB would refuse the write they end up in.
 */
const FORBIDDEN_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when a string holds a character SPEC §3 refuses in text fields. */
export const hasForbiddenCharacters = (s: string): boolean => FORBIDDEN_CHARACTERS.test(s);

/** UTF-8 length in bytes (SPEC §3 limits text in bytes, not characters). */
function byteLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** A text field of `min`–`max` UTF-8 bytes with no control, bidi or lone-surrogate characters. */
export function text(min: number, max: number) {
  return z.string().check(
    z.minLength(min),
    z.refine((s) => byteLength(s) <= max, `must be at most ${max} bytes (UTF-8)`),
    z.refine((s) => !hasForbiddenCharacters(s), 'must not contain control or bidi characters'),
  );
}

/**
 * A schema built on its first use, not at import: zod/mini spends ~0.4 ms building each one, and a cold api-fn
 * that only ingests must not pay for the reporting and admin schemas (SPEC §6 load time, `pnpm bench`). The value
 * behaves as the schema itself (a Proxy), so `safeParse`, `z.infer<typeof …>` and nesting are unchanged.
 */
function onFirstUse<S extends object>(build: () => S): S {
  let built: S | undefined;
  const schema = () => {
    built ??= build();
    return built;
  };
  return new Proxy({} as S, {
    get(_, key) {
      const target = schema();
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    has: (_, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(schema(), key);
      return d ? { ...d, configurable: true } : d;
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}

const host = () => z.string().check(z.minLength(1), z.maxLength(253), z.regex(/^[a-zA-Z0-9.-]+(:\d{1,5})?$/));
const path = () => text(1, 512).check(z.regex(/^\//));
const uuid = () =>
  z.string().check(z.regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/));
const dimension = () => z.int().check(z.minimum(0), z.maximum(100_000));
const pairOfDimensions = () => z.tuple([dimension(), dimension()]);
const utmValue = () => z.optional(text(0, 100));

export const pageviewEvent = onFirstUse(() =>
  z.object({
    type: z.literal('pageview'),
    id: uuid(),
    site: host(),
    path: path(),
    referrer: z.optional(text(0, 2048)),
    unique: z.optional(z.boolean()),
    screen: z.optional(pairOfDimensions()),
    viewport: z.optional(pairOfDimensions()),
    tz: z.optional(text(0, 64)),
    lang: z.optional(text(0, 35)),
    utm: z.optional(
      z.object({
        source: utmValue(),
        medium: utmValue(),
        campaign: utmValue(),
        term: utmValue(),
        content: utmValue(),
      }),
    ),
  }),
);
export type PageviewEvent = z.infer<typeof pageviewEvent>;

export const engagementEvent = onFirstUse(() =>
  z.object({
    type: z.literal('engagement'),
    id: uuid(),
    site: host(),
    path: path(),
    duration: z.int().check(z.minimum(0), z.maximum(MAX_DURATION_SECONDS)),
    scroll: z.int().check(z.minimum(0), z.maximum(100)),
  }),
);
export type EngagementEvent = z.infer<typeof engagementEvent>;

/** Most props one custom event may carry (SPEC §3). */
export const MAX_EVENT_PROPS = 8;

export const customEvent = onFirstUse(() =>
  z.object({
    type: z.literal('event'),
    id: uuid(),
    view: z.optional(uuid()),
    site: host(),
    path: path(),
    name: text(1, 64),
    props: z.optional(
      z
        .record(text(1, 32), text(1, 100))
        .check(
          z.refine(
            (props) => Object.keys(props).length <= MAX_EVENT_PROPS,
            `must have at most ${MAX_EVENT_PROPS} props`,
          ),
        ),
    ),
  }),
);
export type CustomEvent = z.infer<typeof customEvent>;

/** The event types `POST /api/event` accepts. */
export const EVENT_TYPES = ['pageview', 'engagement', 'event'] as const;

/** `POST /append` of the original embed. */
export const appendBody = onFirstUse(() =>
  z.object({
    uuid: uuid(),
    path: z.optional(path()),
    duration: z.int().check(z.minimum(0), z.maximum(MAX_DURATION_SECONDS)),
    scroll: z.int().check(z.minimum(0), z.maximum(100)),
  }),
);
export type AppendBody = z.infer<typeof appendBody>;

export const signinBody = onFirstUse(() =>
  z.object({
    username: z.string().check(z.minLength(1), z.maxLength(64)),
    password: z.string().check(z.minLength(1), z.maxLength(1024)),
  }),
);
export type SigninBody = z.infer<typeof signinBody>;

const day = () => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const timeseriesQuery = onFirstUse(() =>
  z.object({
    site: host(),
    from: day(),
    to: day(),
    path: z.optional(path()),
    interval: z.optional(z.enum(['hour', 'day', 'week', 'month'])),
    tz: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    compare: z.optional(z.enum(['previous'])),
    /** A goal's id: the series of its conversions instead of the site's views. */
    goal: z.optional(z.string().check(z.regex(/^[0-9a-f]{8}$/))),
  }),
);

export const realtimeQuery = onFirstUse(() => z.object({ site: host() }));
export type RealtimeQuery = z.infer<typeof realtimeQuery>;
export type TimeseriesQuery = z.infer<typeof timeseriesQuery>;

/** The dimensions `GET /api/stats/breakdown` accepts (the same list the aggregates keep). */
export const BREAKDOWN_DIMENSIONS = DIMENSIONS;

/** The breakdowns of custom events: rows of events and conversions rather than views and visitors (SPEC §3). */
export const EVENT_DIMENSIONS = ['event', 'prop'] as const;
export type EventDimension = (typeof EVENT_DIMENSIONS)[number];

export const breakdownQuery = onFirstUse(() =>
  z.object({
    site: host(),
    from: day(),
    to: day(),
    dimension: z.enum([...BREAKDOWN_DIMENSIONS, ...EVENT_DIMENSIONS]),
    path: z.optional(path()),
    limit: z.optional(z.string().check(z.regex(/^\d{1,4}$/))),
    /** `dimension=prop`: the event name, and the prop key whose values to list (all keys when left out). */
    event: z.optional(text(1, 64)),
    prop: z.optional(text(1, 32)),
  }),
);
export type BreakdownQuery = z.infer<typeof breakdownQuery>;

export const exportQuery = onFirstUse(() => z.object({ site: host(), from: day(), to: day() }));

/** `GET /api/stats/goals`: `format=csv` answers the goals CSV (a row per day and goal) instead of JSON. */
export const goalsReportQuery = onFirstUse(() =>
  z.object({
    site: host(),
    from: day(),
    to: day(),
    format: z.optional(z.enum(['json', 'csv'])),
  }),
);
export type GoalsReportQuery = z.infer<typeof goalsReportQuery>;

/** `POST /api/sites/{host}/goals`. */
export const goalBody = onFirstUse(() =>
  z.object({
    kind: z.enum(['event', 'page']),
    match: z.string().check(z.minLength(1), z.maxLength(512)),
  }),
);
export type GoalBody = z.infer<typeof goalBody>;
export type ExportQuery = z.infer<typeof exportQuery>;

/** Response bodies (what the dashboard reads). */
export interface SigninResponse {
  token: string;
  /** ISO 8601 instant. */
  expiresAt: string;
}
export interface SitesResponse {
  sites: string[];
}
export interface TimeseriesPoint {
  t: string;
  views: number;
  visitors: number;
  avgDuration: number;
  avgScroll: number;
}
export interface TimeseriesTotals {
  views: number;
  visitors: number;
  avgDuration: number;
  avgScroll: number;
  bots: number;
}
export interface TimeseriesResponse {
  site: string;
  path: string | null;
  interval: 'hour' | 'day' | 'week' | 'month';
  tz: string;
  points: TimeseriesPoint[];
  totals: TimeseriesTotals;
  /** With `compare=previous`: the period of equal length just before `from` (see previousRange). */
  previous?: { from: string; to: string; points: TimeseriesPoint[]; totals: TimeseriesTotals };
}
export interface RealtimeResponse {
  site: string;
  windowSeconds: number;
  views: number;
  visitors: number;
  pages: { value: string; views: number }[];
  referrers: { value: string; views: number }[];
}
export interface BreakdownRow {
  value: string;
  views: number;
  visitors: number;
}
export interface BreakdownResponse {
  dimension: (typeof BREAKDOWN_DIMENSIONS)[number];
  rows: BreakdownRow[];
}
export interface EventBreakdownRow {
  value: string;
  /** `dimension=prop` without `prop=`: the key this value belongs to. */
  prop?: string;
  events: number;
  conversions: number;
}
export interface EventBreakdownResponse {
  dimension: EventDimension;
  /** `dimension=prop`: the event name and prop key listed. */
  event?: string;
  prop?: string;
  rows: EventBreakdownRow[];
}
export interface GoalRow {
  id: string;
  kind: 'event' | 'page';
  match: string;
  events: number;
  conversions: number;
  /** conversions ÷ views of the site over the range (SPEC §4). */
  rate: number;
}
export interface GoalsResponse {
  goals: GoalRow[];
}
export interface GoalTimeseriesPoint {
  t: string;
  events: number;
  conversions: number;
}
export interface GoalTimeseriesResponse {
  site: string;
  goal: { id: string; kind: 'event' | 'page'; match: string };
  interval: 'hour' | 'day' | 'week' | 'month';
  tz: string;
  points: GoalTimeseriesPoint[];
  totals: { events: number; conversions: number };
}
export interface ErrorResponse {
  error: { code: string; message: string };
}

/**
 * `GET /api/status`: whether counting is behind (the dashboard's banner). `behind` only when the oldest view
 * waiting to be counted is older than the threshold; a quiet deployment, with nothing waiting, is `ok`.
 * `unknown` when it cannot be told (no alarm configured, or reading it failed): show nothing then.
 */
export interface PipelineStatus {
  state: 'ok' | 'behind' | 'unknown';
  /** How far behind, in seconds, when `behind` and measured. */
  lagSeconds: number | null;
  /** What counts as behind, in seconds (the alarm's threshold). */
  thresholdSeconds: number | null;
  /** ISO 8601 instant the state was read (it may be up to a minute old). */
  checkedAt: string;
}
export interface StatusResponse {
  pipeline: PipelineStatus;
}

/** `POST /api/sites` (admin): the site to add. */
export const siteCreationBody = onFirstUse(() => z.object({ host: host() }));
export type SiteCreationBody = z.infer<typeof siteCreationBody>;

/** Who is asking, as `GET /api/sites` tells the dashboard (an admin sees the admin page; a share link neither). */
export type Viewer = 'admin' | 'viewer' | 'share';
export interface SitesAccess extends SitesResponse {
  role: Viewer;
}

/** An origin a share link may be embedded by: `https://host[:port]` (or http for local development). */
export const SHARE_ORIGIN_PATTERN = /^https?:\/\/[a-z0-9.-]{1,253}(?::\d{1,5})?$/;

/**
 * `POST /api/sites/{host}/shares` (admin): an optional expiry (ISO 8601 instant) and the origins allowed to
 * embed the link in an iframe.
 */
export const shareCreationBody = onFirstUse(() =>
  z.object({
    expiresAt: z.optional(z.iso.datetime({ offset: true })),
    origins: z.optional(z.array(z.string().check(z.regex(SHARE_ORIGIN_PATTERN))).check(z.maxLength(10))),
  }),
);
export type ShareCreationBody = z.infer<typeof shareCreationBody>;

/** One share link as the API answers it. */
export interface ShareLinkResponse {
  id: string;
  url: string;
  site: string;
  createdAt: string;
  expiresAt: string | null;
  origins: string[];
}
export interface SharesResponse {
  shares: ShareLinkResponse[];
}

/** A username as typed (any case; stored lower-case). */
const username = () => z.string().check(z.regex(/^[a-zA-Z0-9._@-]{1,64}$/));
const siteList = () => z.array(host()).check(z.maxLength(100));

/**
 * `POST /api/users` (admin): a new user with a role and, for a viewer, its sites. The API makes up the
 * password (and answers it once), so no weak password can be set through it.
 */
export const userCreationBody = onFirstUse(() =>
  z.object({
    username: username(),
    role: z.enum(['admin', 'viewer']),
    sites: z.optional(siteList()),
  }),
);
export type UserCreationBody = z.infer<typeof userCreationBody>;

/** `POST /api/users/{name}/access` (admin): the user's role and, for a viewer, its sites. */
export const userAccessBody = onFirstUse(() =>
  z.object({ role: z.enum(['admin', 'viewer']), sites: z.optional(siteList()) }),
);
export type UserAccessBody = z.infer<typeof userAccessBody>;

/** A user as the admin routes answer it (never its hash). */
export interface UserAccessResponse {
  username: string;
  role: 'admin' | 'viewer';
  sites: string[];
  createdAt: string;
}

/** `POST /api/users` → the user and its first password, shown once. */
export interface UserCreatedResponse extends UserAccessResponse {
  password: string;
}
