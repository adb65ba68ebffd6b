// Routing: unknown routes, wrong methods, CORS preflights, stage prefixes.

import { DASHBOARD_ORIGIN, httpEvent } from '@footfall/testing';
import { matchRoute, ROUTES } from '../../src/router';
import { errorCode, testApi } from '../helpers/api';
import { mockedDynamo } from '../helpers/mockTable';

describe('matchRoute', () => {
  it('finds fixed, one-segment and greedy routes with their parameters', () => {
    // Act
    const sites = matchRoute(ROUTES, 'GET', '/api/sites');
    const beacon = matchRoute(ROUTES, 'GET', '/beacon/beacon.abc123.js');
    const asset = matchRoute(ROUTES, 'GET', '/dashboard/assets/app.js');

    // Assess
    expect(sites.kind).toBe('found');
    expect(beacon.kind === 'found' && beacon.params).toEqual({ file: 'beacon.abc123.js' });
    expect(asset.kind === 'found' && asset.params).toEqual({ file: 'assets/app.js' });
  });

  it.each([
    '/api/views/week',
    '/api/views/month',
    '/api/browsers/week',
    '/api/browsers/month',
    '/api/pages/week',
    '/api/pages/month',
  ])('routes POST %s, the original reporting API, for configured origins only', (path) => {
    // Act
    const post = matchRoute(ROUTES, 'POST', path);
    const get = matchRoute(ROUTES, 'GET', path);

    // Assess
    expect(post.kind === 'found' && post.route.cors).toBe('configured');
    expect(get).toEqual({ kind: 'wrong_method', allow: ['POST'], cors: 'configured' });
  });

  it('tells a wrong method from an unknown path', () => {
    // Act
    const wrong = matchRoute(ROUTES, 'DELETE', '/api/event');
    const unknown = matchRoute(ROUTES, 'GET', '/api/nothing');

    // Assess
    expect(wrong).toEqual({ kind: 'wrong_method', allow: ['POST'], cors: 'public' });
    expect(unknown).toEqual({ kind: 'not_found' });
  });
});

describe('the handler routing', () => {
  it('answers 404 not_found for an unknown route', async () => {
    // Prepare
    const { client } = mockedDynamo();
    const { handler } = testApi(client);

    // Act
    const response = await handler(httpEvent({ method: 'GET', path: '/wp-admin' }));

    // Assess
    expect(response.statusCode).toBe(404);
    expect(errorCode(response)).toBe('not_found');
  });

  it('answers 405 with an Allow header for a wrong method', async () => {
    // Prepare
    const { client } = mockedDynamo();
    const { handler } = testApi(client);

    // Act
    const response = await handler(httpEvent({ method: 'GET', path: '/api/event' }));

    // Assess
    expect(response.statusCode).toBe(405);
    expect(errorCode(response)).toBe('method_not_allowed');
    expect(response.headers.allow).toBe('POST');
  });

  it('answers a preflight of the reporting API for a configured origin only', async () => {
    // Prepare
    const { client } = mockedDynamo();
    const { handler } = testApi(client);
    const preflight = (origin: string) =>
      httpEvent({
        method: 'OPTIONS',
        path: '/api/stats/timeseries',
        headers: { origin, 'access-control-request-method': 'GET' },
      });

    // Act
    const allowed = await handler(preflight(DASHBOARD_ORIGIN));
    const other = await handler(preflight('https://evil.example'));

    // Assess
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(DASHBOARD_ORIGIN);
    expect(allowed.headers['access-control-allow-methods']).toBe('GET, OPTIONS');
    expect(allowed.headers['access-control-allow-headers']).toContain('authorization');
    expect(other.statusCode).toBe(204);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets any site preflight the beacon endpoint', async () => {
    // Prepare
    const { client } = mockedDynamo();
    const { handler } = testApi(client);

    // Act
    const response = await handler(
      httpEvent({ method: 'OPTIONS', path: '/api/event', headers: { origin: 'https://any-site.example' } }),
    );

    // Assess
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('puts CORS headers on error responses to the dashboard origin', async () => {
    // Prepare
    const { client } = mockedDynamo();
    const { handler } = testApi(client);

    // Act
    const response = await handler(
      httpEvent({ method: 'GET', path: '/api/sites', headers: { origin: DASHBOARD_ORIGIN } }),
    );

    // Assess
    expect(response.statusCode).toBe(401);
    expect(response.headers['access-control-allow-origin']).toBe(DASHBOARD_ORIGIN);
  });

  it('routes a request under a named stage as if it had none', async () => {
    // Prepare
    const { client } = mockedDynamo();
    const { handler } = testApi(client);
    const event = httpEvent({ method: 'GET', path: '/prod/api/sites' });
    event.requestContext.stage = 'prod';

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(401);
  });
});
