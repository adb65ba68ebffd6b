// Byte-level surgery on Fernet tokens, to build the altered tokens the rejection tests need.

/** Byte offsets inside a Fernet token. */
export const layout = { version: 0, time: 1, iv: 9, keyId: 9, keyIdEnd: 13, ciphertext: 25, hmacFromEnd: 32 };

/** Decodes a token's URL-safe base64 into bytes. */
export const tokenBytes = (token: string): Buffer => Buffer.from(token, 'base64url');

/** Encodes bytes the way Fernet tokens are written (URL-safe base64 with padding). */
export const bytesToToken = (bytes: Uint8Array): string =>
  Buffer.from(bytes).toString('base64').replaceAll('+', '-').replaceAll('/', '_');

/** The same token with bit `bit` (0 = most significant bit of byte 0) inverted. */
export function flipBit(token: string, bit: number): string {
  const bytes = tokenBytes(token);
  const index = Math.floor(bit / 8);
  bytes[index] = (bytes[index] ?? 0) ^ (0x80 >> (bit % 8));
  return bytesToToken(bytes);
}
