// Static routes: the beacon script and dashboard files, their caching, and refusals (traversal, missing files).
import { join } from 'node:path';
import { httpEvent } from '@footfall/testing';
import { createStaticFiles, safeSegments } from '../../src/staticFiles';
import { errorCode, testApi } from '../helpers/api';
import { mockedDynamo } from '../helpers/mockTable';

const STATIC_DIR = join(__dirname, '../fixtures/static');

function staticApi(staticDir = STATIC_DIR) {
  const { client } = mockedDynamo();
  return testApi(client, 'footfall-test', { staticDir }).handler;
}

const get = (path: string) => httpEvent({ method: 'GET', path });

describe('static routes', () => {
  it('serves /beacon.js with an hour of caching', async () => {
    // Act
    const response = await staticApi()(get('/beacon.js'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=3600');
    expect(response.body).toContain('beacon fixture');
  });

  it('serves the content-hashed beacon as immutable', async () => {
    // Act
    const response = await staticApi()(get('/beacon/beacon.3F7KQ2ZA.js'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves the events build at /beacon/events.js for an hour, and its hashed alias as immutable', async () => {
    // Act
    const plain = await staticApi()(get('/beacon/events.js'));
    const hashed = await staticApi()(get('/beacon/events.0123456789.js'));

    // Assess
    expect([plain.statusCode, plain.headers['cache-control']]).toEqual([200, 'public, max-age=3600']);
    expect(plain.body).toContain('events fixture');
    expect([hashed.statusCode, hashed.headers['cache-control']]).toEqual([
      200,
      'public, max-age=31536000, immutable',
    ]);
  });

  it.each([
    '/beacon/events.ABC.js',
    '/beacon/other.js',
    '/beacon/beacon.0000000000.js',
    '/beacon/..%2Fbeacon.js',
  ])('answers 404 for %s', async (path) => {
    // Act
    const response = await staticApi()(get(path));

    // Assess
    expect(response.statusCode).toBe(404);
    expect(errorCode(response)).toBe('not_found');
  });

  it('serves the dashboard index, always revalidated, at /dashboard and /dashboard/', async () => {
    // Prepare
    const handler = staticApi();

    // Act
    const bare = await handler(get('/dashboard'));
    const slash = await handler(get('/dashboard/'));

    // Assess
    for (const response of [bare, slash]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed dashboard assets for a year and binary files base64-encoded', async () => {
    // Prepare
    const handler = staticApi();

    // Act
    const script = await handler(get('/dashboard/assets/app-5FQ2ZK3L.js'));
    const icon = await handler(get('/dashboard/favicon.png'));

    // Assess
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(icon.isBase64Encoded).toBe(true);
    expect(icon.headers['content-type']).toBe('image/png');
  });

  it('answers the app for its own routes (no extension)', async () => {
    // Act
    const response = await staticApi()(get('/dashboard/settings/account'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<title>Footfall</title>');
  });

  it.each([
    '/dashboard/../../package.json',
    '/dashboard/..%2F..%2Fpackage.json',
    '/dashboard/%2e%2e/%2e%2e/package.json',
    '/dashboard/.env',
    '/dashboard/missing.js',
    '/dashboard/%E0%A4%A.js',
  ])('answers 404, never a file outside the dashboard, for %s', async (path) => {
    // Act
    const response = await staticApi()(get(path));

    // Assess
    expect(response.statusCode).toBe(404);
  });

  it('answers 404 (not 500) when nothing was built', async () => {
    // Act
    const response = await staticApi('/nonexistent/footfall-static')(get('/dashboard/missing.css'));

    // Assess
    expect(response.statusCode).toBe(404);
  });
});

describe('HEAD and other methods on the static routes', () => {
  it.each([
    ['/beacon.js', 'text/javascript; charset=utf-8'],
    ['/beacon/beacon.3F7KQ2ZA.js', 'text/javascript; charset=utf-8'],
    ['/dashboard', 'text/html; charset=utf-8'],
    ['/dashboard/assets/app-5FQ2ZK3L.js', 'text/javascript; charset=utf-8'],
    ['/dashboard/favicon.png', 'image/png'],
  ])('answers HEAD %s like GET, without the body', async (path, contentType) => {
    // Prepare
    const handler = staticApi();
    const viaGet = await handler(get(path));
    const file = Buffer.from(viaGet.body ?? '', viaGet.isBase64Encoded ? 'base64' : 'utf8');

    // Act
    const viaHead = await handler(httpEvent({ method: 'HEAD', path }));

    // Assess
    expect(viaHead.statusCode).toBe(200);
    expect(viaHead.headers).toEqual(viaGet.headers);
    expect(viaHead.headers['content-type']).toBe(contentType);
    expect(viaHead.headers['content-length']).toBe(String(file.length));
    expect(viaHead.body).toBe('');
  });

  it('answers HEAD for a missing file with the same 404 as GET, without the body', async () => {
    // Act
    const response = await staticApi()(httpEvent({ method: 'HEAD', path: '/dashboard/missing.js' }));

    // Assess
    expect(response.statusCode).toBe(404);
    expect(response.body).toBe('');
  });

  it.each(['/beacon.js', '/beacon/beacon.3F7KQ2ZA.js', '/dashboard', '/dashboard/assets/app-5FQ2ZK3L.js'])(
    'still refuses POST %s with 405, allowing GET and HEAD',
    async (path) => {
      // Act
      const response = await staticApi()(httpEvent({ method: 'POST', path, body: {} }));

      // Assess
      expect(response.statusCode).toBe(405);
      expect(errorCode(response)).toBe('method_not_allowed');
      expect(response.headers.allow).toBe('GET, HEAD');
    },
  );

  it('keeps HEAD off the API routes', async () => {
    // Act
    const response = await staticApi()(httpEvent({ method: 'HEAD', path: '/api/stats/timeseries' }));

    // Assess
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('GET');
    expect(response.body).toBe('');
  });
});

describe('safeSegments', () => {
  it.each(['..', 'a/../b', '.hidden', 'a//b', 'a%00b', 'a%5Cb'])('refuses %s', (path) => {
    // Act & Assess
    expect(safeSegments(path)).toBeUndefined();
  });

  it('decodes escapes in ordinary names', () => {
    // Act & Assess
    expect(safeSegments('assets/my%20file.js')).toEqual(['assets', 'my file.js']);
  });
});

describe('createStaticFiles', () => {
  it('reads a file only inside its area', async () => {
    // Prepare
    const files = createStaticFiles(STATIC_DIR);

    // Act
    const inside = await files.read('beacon', 'beacon.js');
    const outside = await files.read('beacon', '../dashboard/index.html');

    // Assess
    expect(inside?.toString()).toContain('beacon fixture');
    expect(outside).toBeUndefined();
  });
});
