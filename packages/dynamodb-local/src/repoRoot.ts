// Locates the monorepo root (and template.yaml in it) from this package, wherever it is run from.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DynamoDBLocalError } from './errors';

function searchUp(start: string): string | undefined {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Returns the repository root: the nearest directory above this package (or cwd) with pnpm-workspace.yaml. */
export function findRepoRoot(): string {
  // __dirname is absent in ESM bundles; the working directory is the fallback there.
  const starts = [typeof __dirname === 'string' ? __dirname : undefined, process.cwd()];
  for (const start of starts) {
    const root = start === undefined ? undefined : searchUp(start);
    if (root !== undefined) return root;
  }
  throw new DynamoDBLocalError(
    'repository root not found (no pnpm-workspace.yaml above this package or cwd)',
  );
}

/** Returns the absolute path of the repository's SAM template.yaml. */
export function templatePath(): string {
  return join(findRepoRoot(), 'template.yaml');
}
