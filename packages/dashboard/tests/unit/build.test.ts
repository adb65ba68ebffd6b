import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BuiltDashboard, buildDashboard } from '../helpers/buildDashboard';

describe('dashboard build', () => {
  let built: BuiltDashboard;
  beforeAll(() => {
    built = buildDashboard();
  });
  afterAll(() => rmSync(built.dir, { recursive: true, force: true }));

  it('writes content-hashed assets that index.html loads from /dashboard/', () => {
    // Act
    const html = readFileSync(join(built.dir, 'index.html'), 'utf8');
    const { js, css } = built.manifest.entry;

    // Assess
    expect(js).toMatch(/^app\.[A-Z0-9]{8,}\.js$/);
    expect(css).toMatch(/^app\.[A-Z0-9]{8,}\.css$/);
    expect(html).toContain(`<script defer src="/dashboard/${js}"></script>`);
    expect(html).toContain(`<link rel="stylesheet" href="/dashboard/${css}" />`);
  });

  it("bundles uPlot's stylesheet with the app's", () => {
    // Act
    const css = readFileSync(join(built.dir, built.manifest.entry.css), 'utf8');

    // Assess
    expect(css).toContain('.uplot');
    expect(css).toContain('.share-bar');
  });

  it('lists every file with its true raw and gzip size', () => {
    // Act
    const rows = built.manifest.files.map((f) => {
      const content = readFileSync(join(built.dir, f.name));
      return {
        listed: [f.bytes, f.gzipBytes],
        actual: [content.length, gzipSync(content, { level: 9 }).length],
      };
    });

    // Assess
    expect(built.manifest.files.map((f) => f.name).sort()).toEqual(
      ['index.html', built.manifest.entry.js, built.manifest.entry.css].sort(),
    );
    for (const row of rows) expect(row.listed).toEqual(row.actual);
  });

  it('keeps the session out of localStorage and cookies, and zod out of the bundle', () => {
    // Act
    const js = readFileSync(join(built.dir, built.manifest.entry.js), 'utf8');

    // Assess
    expect(js).not.toMatch(/localStorage|document\.cookie/);
    expect(js).toContain('sessionStorage');
    expect(js).not.toMatch(/ZodError|\$ZodType/);
  });
});
