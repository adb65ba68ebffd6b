// The dashboard's one error class: an API or input failure with a code and a message a person can read.
import { FootfallError } from '@footfall/kernel';

/** A failure the dashboard shows in words; `status` is the HTTP status, 0 when the server was not reached. */
export class DashboardError extends FootfallError {
  override readonly name = 'DashboardError';

  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    /** Seconds the server asked to wait (429 Retry-After). */
    readonly retryAfter?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** True when the session is missing, expired or forged: the user must sign in again. */
  get isUnauthorized(): boolean {
    return this.status === 401;
  }
}
