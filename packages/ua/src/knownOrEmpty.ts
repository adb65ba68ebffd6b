// woothee's "UNKNOWN" placeholder turned into the empty string our versions use.

/** The value, or `''` when woothee did not know it. */
export function knownOrEmpty(value: string | undefined): string {
  return value === undefined || value === 'UNKNOWN' ? '' : value;
}
