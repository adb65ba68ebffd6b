// The result type the dashboard's parsers and API client return instead of throwing.

/** A success carrying a value, or a failure carrying an error. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** Wraps a value as a success. @example ok(3) */
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** Wraps an error as a failure. @example err(new DashboardError('network_error', 'Offline')) */
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
