// Reaches the real Node process from inside Jest's per-file sandbox, for state that must span test files.
import { readFileSync } from 'node:fs';

/**
 * Returns the host's `process`. Jest hands each test file a copy of `process` whose events never fire and whose
 * properties die with the file; core modules, however, come from the host realm, so the Function constructor of
 * one of their functions evaluates in the host's global scope. Outside Jest this is simply `process`.
 */
export function hostProcess(): NodeJS.Process {
  try {
    const HostFunction = (readFileSync as unknown as { constructor: FunctionConstructor }).constructor;
    const host: unknown = HostFunction('return process')();
    if (typeof host === 'object' && host !== null && 'pid' in host) return host as NodeJS.Process;
  } catch {
    // A locked-down realm (no code generation): the local process is the best there is.
  }
  return process;
}

/** Returns the value stored under `key` on the host process, creating it once per OS process. */
export function processWide<T>(key: string, create: () => T): T {
  const host = hostProcess() as unknown as Record<symbol, T | undefined>;
  const symbol = Symbol.for(`@footfall/dynamodb-local/${key}`);
  let value = host[symbol];
  if (value === undefined) {
    value = create();
    host[symbol] = value;
  }
  return value;
}

/** Removes the value stored under `key` on the host process. */
export function forgetProcessWide(key: string): void {
  const host = hostProcess() as unknown as Record<symbol, unknown>;
  delete host[Symbol.for(`@footfall/dynamodb-local/${key}`)];
}
