// The result type every decoder and parser in Footfall returns instead of throwing on bad data.

/** A success carrying a value, or a failure carrying an error. */
export type Result<T, E = Error> = { ok: true; value: T } | { ok: false; error: E };

/** Wraps a value as a success. @example ok(3) */
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** Wraps an error as a failure. @example err(new EnvError('TABLE_NAME', 'is not set')) */
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
