// The base class every Footfall package's own error class extends, and the kernel's own errors.

/** Base class of every error Footfall raises; each package extends it once and subclasses that. */
export class FootfallError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FootfallError';
  }
}

/** An environment variable is missing or has a value that cannot be used; `variable` names it. */
export class EnvError extends FootfallError {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable} ${problem}`);
    this.name = 'EnvError';
  }
}
