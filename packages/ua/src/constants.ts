// Limits and placeholder values shared by the user-agent parser.

/**
 * Longest user-agent prefix we look at. Real browsers send 100–400 characters; anything past this is
 * either padding or an attack, and the cap keeps the regex work per request bounded.
 */
export const MAX_USER_AGENT_LENGTH = 512;

/**
 * Longest name and version we report. Parsed values end up in stored aggregates, where a 500-character
 * "version" from a crafted header would cost write units on every view.
 */
export const MAX_NAME_LENGTH = 64;
export const MAX_VERSION_LENGTH = 32;

/** Display value for a browser or OS we could not identify. */
export const UNKNOWN = 'Unknown';

/** Every device class `parseUserAgent` can report, in display order. */
export const DEVICE_TYPES = ['desktop', 'mobile', 'tablet', 'bot', 'other'] as const;
