// The rules of docs/architecture.md, checked on the source tree: imports run downward (no package imports an
// app, no app imports another) and core-model is the only place that spells one of the table's attribute names.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tableAttributeNames } from '@footfall/core-model';
import { findRepoRoot } from '@footfall/dynamodb-local';

const root = findRepoRoot();
const APPS = ['@footfall/api-fn', '@footfall/stream-trigger-fn'];

/** Every TypeScript or JavaScript source file under `dir`, relative to the repository root. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
        out.push(relative(root, path));
    }
  };
  walk(join(root, dir));
  return out;
}

/** Each workspace directory (`packages/x`, `apps/y`) with its package name and declared dependencies. */
function workspaces(): { dir: string; name: string; deps: string[] }[] {
  return ['packages', 'apps'].flatMap((top) =>
    readdirSync(join(root, top), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => {
        const dir = `${top}/${e.name}`;
        const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as {
          name: string;
          dependencies?: Record<string, string>;
          devDependencies?: Record<string, string>;
        };
        return {
          dir,
          name: pkg.name,
          deps: [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})],
        };
      }),
  );
}

/** `from '…'`, `import('…')` and `require('…')` specifiers of a file's text. */
function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g))
    if (m[1]) found.push(m[1]);
  return found;
}

/** The places a file spells attribute `name` as the table sees it (raw AttributeValues and expressions). */
function spellings(text: string, name: string): string[] {
  const patterns = [
    // An AttributeValue map entry: `Page: { S: … }` or `'Page': { N: … }`.
    new RegExp(`(?<![\\w.$])['"]?${name}['"]?\\s*:\\s*\\{\\s*(S|N|B|BOOL|NULL|M|L|SS|NS|BS)\\s*:`, 'g'),
    // A raw attribute read: `item.Page?.S`, `Item['Page'].N`.
    new RegExp(`(\\.${name}|\\[['"]${name}['"]\\])\\??\\.(S|N|B|BOOL|M|L|SS|NS)\\b`, 'g'),
    // An expression attribute name: `'#p': 'Page'`.
    new RegExp(`['"]#\\w+['"]\\s*:\\s*['"]${name}['"]`, 'g'),
    // The name written straight into an expression: `attribute_not_exists(Page)`, `SET Page = :p`, `ADD Sz :n`.
    new RegExp(
      `(attribute_(not_)?exists|attribute_type|size|if_not_exists)\\(\\s*${name}\\b|\\b(SET|ADD|REMOVE|DELETE)\\s+${name}\\b|\\b${name}\\s*(=|<|>|<=|>=|<>)\\s*:`,
      'g',
    ),
  ];
  return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[0]));
}

describe('architecture', () => {
  const all = workspaces();

  it('knows every workspace, and both apps are among them', () => {
    expect(all.map((w) => w.name)).toEqual(expect.arrayContaining([...APPS, '@footfall/core-model']));
  });

  it('no package and no other app depends on an app', () => {
    const offenders = all.flatMap((w) =>
      w.deps.filter((d) => APPS.includes(d) && d !== w.name).map((d) => `${w.dir} → ${d}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no file outside an app imports it (source and tests alike)', () => {
    const offenders: string[] = [];
    for (const w of all) {
      for (const file of sourceFiles(w.dir)) {
        const text = readFileSync(join(root, file), 'utf8');
        if (file === 'packages/testing/tests/unit/architecture.test.ts') continue;
        for (const spec of importsOf(text)) {
          const app = APPS.find((a) => spec === a || spec.startsWith(`${a}/`));
          if (app && app !== w.name) offenders.push(`${file} imports ${spec}`);
          if (/(^|\/)apps\/(api-fn|stream-trigger-fn)\/src\b/.test(spec) || /\.\.\/.*apps\//.test(spec))
            offenders.push(`${file} reaches into an app by path: ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the check sees an import of an app when there is one', () => {
    expect(
      importsOf(
        "import { handler } from '@footfall/api-fn';\nconst x = await import('@footfall/stream-trigger-fn');",
      ),
    ).toEqual(['@footfall/api-fn', '@footfall/stream-trigger-fn']);
  });

  const names = tableAttributeNames();

  it('core-model names the table attributes the check looks for', () => {
    expect(names).toEqual(
      expect.arrayContaining(['Page', 'PasswordHash', 'ExpiresAt', 'SessionEpoch', 'Sz']),
    );
  });

  it('no source file outside core-model spells a table attribute name', () => {
    // Tests may: a test that checks what is stored spells the stored shape itself, an oracle independent of
    // the code under test. The original system's table (legacy import) is another table with its own names.
    const elsewhere = all.filter(
      (w) => w.name !== '@footfall/core-model' && w.name !== '@footfall/legacy-ports',
    );
    const offenders: string[] = [];
    for (const w of elsewhere) {
      for (const file of sourceFiles(w.dir)) {
        if (/(^|\/)tests\//.test(file) || file.startsWith('packages/cli/src/legacy/')) continue;
        const text = readFileSync(join(root, file), 'utf8');
        for (const name of names) for (const s of spellings(text, name)) offenders.push(`${file}: ${s}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the check sees each way of spelling an attribute', () => {
    expect(spellings("Item: { Page: { S: '/' } }", 'Page')).toHaveLength(1);
    expect(spellings('const h = item.PasswordHash?.S;', 'PasswordHash')).toHaveLength(1);
    expect(spellings("ExpressionAttributeNames: { '#e': 'ExpiresAt' }", 'ExpiresAt')).toHaveLength(1);
    expect(spellings("ConditionExpression: 'attribute_not_exists(Page)'", 'Page')).toHaveLength(1);
    expect(spellings("UpdateExpression: 'ADD Sz :n'", 'Sz')).toHaveLength(1);
    expect(spellings("label: 'Page', title: 'Pages'", 'Page')).toEqual([]);
  });
});
