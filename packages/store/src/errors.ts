// Errors of store: one base class, subclasses with fixed message shapes.
import { FootfallError } from '@footfall/kernel';

/** Base class of every error store produces. */
export class StoreError extends FootfallError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** A batch of aggregate writes could not finish; what was written has been taken back (or is listed). */
export class AggregateWriteError extends StoreError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`aggregate writes stopped: ${reason}`, options);
    this.name = 'AggregateWriteError';
  }
}
