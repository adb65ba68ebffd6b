// Public face of @footfall/tokens: Fernet session tokens, their keys, and PBKDF2 password hashes.

export {
  KeyParseError,
  PasswordCheckError,
  TokenRejectedError,
  TokensError,
  TokensUsageError,
} from './errors';
export { issueToken } from './issueToken';
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
  IssueTokenOptions,
  PasswordFailureReason,
  PasswordHashOptions,
  PasswordMatch,
  Result,
  TokenClaims,
  TokenFailureReason,
  VerifiedToken,
  VerifyTokenOptions,
} from './types';
export { verifyToken } from './verifyToken';
