// Errors of the tokens package: one base class; rejections travel inside results, misuse is thrown.

import { FootfallError } from '@footfall/kernel';
import type { PasswordFailureReason, TokenFailureReason } from './types';

/** Base class of every error the tokens package produces. */
export class TokensError extends FootfallError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokensError';
  }
}

/** A session token was refused; `reason` is the machine-readable why, `message` the human one. */
export class TokenRejectedError extends TokensError {
  constructor(
    readonly reason: TokenFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'TokenRejectedError';
  }
}

/** A string is not a Fernet key (32 bytes, URL-safe base64 with padding). */
export class KeyParseError extends TokensError {
  readonly reason = 'malformed' as const;

  constructor(message: string) {
    super(message);
    this.name = 'KeyParseError';
  }
}

/** A password did not match, or its stored PHC string could not be read. */
export class PasswordCheckError extends TokensError {
  constructor(
    readonly reason: PasswordFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'PasswordCheckError';
  }
}

/** A caller passed options that can never work (a bad TTL, claims JSON cannot hold, too few iterations). */
export class TokensUsageError extends TokensError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokensUsageError';
  }
}
