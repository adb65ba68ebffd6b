// Fixed numbers of api-fn that are not part of the table layout (those live in core-model).

/** Session token lifetime when TOKEN_TTL_SECONDS is unset: 12 hours (SPEC §3). */
export const DEFAULT_TOKEN_TTL_SECONDS = 43_200;

/** Raw view retention when RETENTION_DAYS is unset (SPEC §5). */
export const DEFAULT_RETENTION_DAYS = 30;

/** Longest User-Agent header accepted; real ones stay well under 512 characters. */
export const MAX_USER_AGENT_CHARS = 1024;

/** Seconds a client is told to wait after DynamoDB throttled or failed. */
export const RETRY_AFTER_SECONDS = 2;

/** Breakdown rows when `limit` is absent, and the most a request may ask for. */
export const DEFAULT_BREAKDOWN_LIMIT = 100;
export const MAX_BREAKDOWN_LIMIT = 1000;
