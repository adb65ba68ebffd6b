// The result type the beacon package returns instead of throwing on bad data (same shape as core-model's).

/** A success carrying a value, or a failure carrying an error. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };
