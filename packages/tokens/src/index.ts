// Public face of @footfall/tokens: Fernet session tokens, their keys, and PBKDF2 password hashes.

export {
  KeyParseError,
  PasswordCheckError,
  TokenRejectedError,
  TokensError,
  TokensUsageError,
} from './errors';
export { type IssueTokenOptions, issueToken } from './issueToken';
export {
  type FernetKey,
  type FernetKeyring,
  generateKey,
  MAX_KEYRING_KEYS,
  parseKey,
  parseKeyring,
} from './keys';
export {
  DEFAULT_ITERATIONS,
  hashPassword,
  needsRehash,
  verifyPassword,
  verifyPasswordForUnknownUser,
} from './passwords';
export type {
  PasswordFailureReason,
  PasswordHashOptions,
  PasswordMatch,
  TokenClaims,
  TokenFailureReason,
  VerifiedToken,
} from './types';
export { type VerifyTokenOptions, verifyToken } from './verifyToken';
