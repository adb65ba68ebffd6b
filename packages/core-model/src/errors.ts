// Errors of core-model: one base class, subclasses with fixed message shapes and typed payloads.
import { FootfallError } from '@footfall/kernel';

/** Base class of every error core-model produces. */
export class CoreModelError extends FootfallError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CoreModelError';
  }
}

/** A value did not have the expected shape; `path` names the attribute (e.g. `NewImage.Time`). */
export class DecodeError extends CoreModelError {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${path}: expected ${expected}, found ${found}`);
    this.name = 'DecodeError';
  }

  /** The same error seen from one level up: `prefix` is prepended to the attribute path. */
  under(prefix: string): DecodeError {
    const path =
      this.path === ''
        ? prefix
        : this.path.startsWith('[')
          ? `${prefix}${this.path}`
          : `${prefix}.${this.path}`;
    return new DecodeError(path, this.expected, this.found);
  }
}
