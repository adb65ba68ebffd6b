// Fixed numbers of api-fn that are not part of the table layout (those live in core-model).

/** Session token lifetime when TOKEN_TTL_SECONDS is unset: 12 hours (SPEC §3). */
export const DEFAULT_TOKEN_TTL_SECONDS = 43_200;

/**
 * Longest a container trusts a user's cached session epoch, and the default (SPEC §3: a revocation reaches
 * every running function within 60 s). SESSION_CACHE_SECONDS may shorten it.
 */
export const MAX_SESSION_CACHE_SECONDS = 60;

/** Longest a container uses the session keys it read before reading them again (key rotation, docs/deploy.md). */
export const KEY_REFRESH_MS = 5 * 60_000;

/** After a failed re-read of the keys, the keys in hand serve this long before the next try. */
export const KEY_RETRY_MS = 30_000;

/** Most users whose session epoch one container keeps; the oldest entry goes first beyond that. */
export const SESSION_CACHE_ENTRIES = 1000;

/** Raw view retention when RETENTION_DAYS is unset (SPEC §5). */
export const DEFAULT_RETENTION_DAYS = 30;

/** Longest User-Agent header accepted; real ones stay well under 512 characters. */
export const MAX_USER_AGENT_CHARS = 1024;

/** Seconds a client is told to wait after DynamoDB throttled or failed. */
export const RETRY_AFTER_SECONDS = 2;

/** Breakdown rows when `limit` is absent, and the most a request may ask for. */
export const DEFAULT_BREAKDOWN_LIMIT = 100;
export const MAX_BREAKDOWN_LIMIT = 1000;

/**
 * Longest a container reuses the counting alarm's state (GET /api/status), and the default: one DescribeAlarms
 * a minute per container at most, however many dashboards are open.
 */
export const PIPELINE_STATUS_CACHE_SECONDS = 60;

/**
 * Longest a container uses the site list it read before reading it again, and the default (SPEC §3: a new site
 * accepts events within 60 s). One eventually consistent Query per container per period: 0.5 RCU.
 */
export const MAX_SITE_CACHE_SECONDS = 60;

/** Most share links whose lookup one container keeps; the oldest entry goes first beyond that. */
export const SHARE_CACHE_ENTRIES = 1000;
