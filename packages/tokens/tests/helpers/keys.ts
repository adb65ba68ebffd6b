// Fresh parsed keys for tests.

import { type FernetKey, generateKey, parseKey } from '../../src';

/** A newly generated key, parsed. */
export function freshKey(): FernetKey {
  const parsed = parseKey(generateKey());
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}
