// Errors of stream-trigger-fn: one base class, subclasses with fixed message shapes.
import { FootfallError } from '@footfall/kernel';

/** Base class of every error stream-trigger-fn produces. */
export class StreamTriggerError extends FootfallError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StreamTriggerError';
  }
}

/** The function's environment is incomplete or malformed (a deployment fault, not bad data). */
export class ConfigError extends StreamTriggerError {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}
