// The package's result type: bad input is returned as a value instead of thrown.

/** Success with a value, or failure with an error. */
export type Result<T, E = Error> = { ok: true; value: T } | { ok: false; error: E };
