// Locates and reads the beacon's and dashboard's built files, lazily, from the static root of this deployment.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/** The two static areas: the tracking script and the dashboard app. */
export type StaticArea = 'beacon' | 'dashboard';

/** Reads files of a static area; undefined when missing or outside the area. */
export interface StaticFiles {
  read(area: StaticArea, relativePath: string): Promise<Buffer | undefined>;
}

/** The package each area is built by, for running from the repository (dev and tests). */
const PACKAGE_DIST: Record<StaticArea, string> = {
  beacon: join('packages', 'beacon', 'dist'),
  dashboard: join('packages', 'dashboard', 'dist'),
};

/** The directory of this module or bundle (CommonJS, or an ESM bundle that defines `__dirname`). */
function moduleDir(): string | undefined {
  return typeof __dirname === 'string' ? __dirname : undefined;
}

/**
 * Where an area's files may live, best first: STATIC_DIR, the Lambda's code root (`static/` next to the
 * bundle), the bundle's own directory, then the packages' dist folders found by walking up to the repository.
 */
export function staticCandidates(area: StaticArea, staticDir: string | undefined): string[] {
  const out: string[] = [];
  if (staticDir) out.push(resolve(staticDir, area));
  const taskRoot = process.env.LAMBDA_TASK_ROOT;
  if (taskRoot) out.push(resolve(taskRoot, 'static', area));
  const here = moduleDir();
  // A code-split bundle may run this from a chunk folder below the bundle's root.
  if (here) out.push(resolve(here, 'static', area), resolve(here, '..', 'static', area));
  for (const start of [here, process.cwd()]) {
    if (!start) continue;
    let dir = resolve(start);
    for (let depth = 0; depth < 8; depth++) {
      if (existsSync(join(dir, 'pnpm-workspace.yaml'))) {
        out.push(join(dir, PACKAGE_DIST[area]));
        break;
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return out;
}

/** Splits a request path into safe segments, or undefined for traversal, hidden files or bad escapes. */
export function safeSegments(relativePath: string): string[] | undefined {
  const segments: string[] = [];
  for (const raw of relativePath.split('/')) {
    let s: string;
    try {
      s = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (s === '' || s.startsWith('.') || /[\\/\0:]/.test(s)) return undefined;
    segments.push(s);
  }
  return segments.length > 0 ? segments : undefined;
}

/**
 * Creates the reader. Roots are looked up on first use and files are cached for the container's life
 * (they are part of the deployment and never change under it).
 */
export function createStaticFiles(staticDir?: string): StaticFiles {
  const roots = new Map<StaticArea, string>();
  const cache = new Map<string, Buffer>();
  const rootOf = (area: StaticArea): string | undefined => {
    const known = roots.get(area);
    if (known) return known;
    const found = staticCandidates(area, staticDir).find((dir) => existsSync(dir));
    if (found) roots.set(area, found);
    return found;
  };
  return {
    async read(area, relativePath) {
      const root = rootOf(area);
      const segments = safeSegments(relativePath);
      if (!root || !segments) return undefined;
      const file = resolve(root, ...segments);
      if (!file.startsWith(root + sep)) return undefined;
      const cached = cache.get(file);
      if (cached) return cached;
      try {
        const content = await readFile(file);
        cache.set(file, content);
        return content;
      } catch {
        return undefined;
      }
    },
  };
}
