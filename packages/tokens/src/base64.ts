// Strict base64 codecs: only the one canonical spelling of each byte string is accepted.

const URL_SAFE_PADDED = /^[A-Za-z0-9_-]*={0,2}$/;
const STANDARD_UNPADDED = /^[A-Za-z0-9+/]*$/;

/** Encodes bytes as URL-safe base64 with `=` padding, the alphabet Fernet keys and tokens use. */
export function encodeBase64UrlPadded(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replaceAll('+', '-').replaceAll('/', '_');
}

/**
 * Decodes URL-safe padded base64, or returns undefined when `text` is not exactly what
 * `encodeBase64UrlPadded` would write (Node's decoder silently skips junk, which would let two
 * different strings stand for one token).
 */
export function decodeBase64UrlPadded(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !URL_SAFE_PADDED.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return encodeBase64UrlPadded(bytes) === text ? bytes : undefined;
}

/** Encodes bytes as standard base64 without padding: the "B64" of the PHC string format. */
export function encodeB64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '');
}

/** Decodes PHC "B64" (standard alphabet, no padding), or returns undefined when it is not canonical. */
export function decodeB64(text: string): Buffer | undefined {
  if (text.length % 4 === 1 || !STANDARD_UNPADDED.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return encodeB64(bytes) === text ? bytes : undefined;
}
