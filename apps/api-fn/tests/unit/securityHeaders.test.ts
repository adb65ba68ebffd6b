// Security headers (SPEC §3 Static): a strict CSP on every HTML answer, no sniffing and no framing on all.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { httpEvent } from '@footfall/testing';
import { API_CSP, HTML_CSP } from '../../src/securityHeaders';
import { testApi } from '../helpers/api';
import { mockedDynamo } from '../helpers/mockTable';

/** The directives of a CSP header, by name. */
function directives(csp: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...values]) => [name, values.join(' ')]),
  );
}

function api() {
  const { client, mock } = mockedDynamo();
  mock.on(GetItemCommand).resolves({});
  // The test fixtures stand in for the built dashboard and beacon.
  return testApi(client, 'footfall-test', { staticDir: `${__dirname}/../fixtures/static` }).handler;
}

describe('security headers', () => {
  it.each(['/dashboard', '/dashboard/', '/dashboard/settings'])(
    'answers %s with the dashboard CSP: no inline script or style, no framing',
    async (path) => {
      // Act
      const response = await api()(httpEvent({ method: 'GET', path }));

      // Assess
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      const csp = directives(response.headers['content-security-policy']);
      expect(csp['default-src']).toBe("'none'");
      expect(csp['script-src']).toBe("'self'");
      expect(csp['style-src']).toBe("'self'");
      expect(csp['frame-ancestors']).toBe("'none'");
      expect(response.headers['content-security-policy']).not.toContain('unsafe');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    },
  );

  it.each([
    ['an error', { method: 'GET', path: '/api/sites' }, 401],
    ['an unknown route', { method: 'GET', path: '/nowhere' }, 404],
    ['a wrong method', { method: 'DELETE', path: '/api/event' }, 405],
    ['a preflight', { method: 'OPTIONS', path: '/api/sites', headers: { origin: 'https://x.example' } }, 204],
    ['the beacon', { method: 'GET', path: '/beacon.js' }, 200],
    ['a dashboard asset', { method: 'GET', path: '/dashboard/assets/app-5FQ2ZK3L.js' }, 200],
    ['a HEAD of the dashboard', { method: 'HEAD', path: '/dashboard' }, 200],
  ])('puts nosniff and frame protection on %s', async (_, input, status) => {
    // Act
    const response = await api()(httpEvent(input));

    // Assess
    expect(response.statusCode).toBe(status);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(directives(response.headers['content-security-policy'])['frame-ancestors']).toBe("'none'");
  });

  it('gives non-HTML answers a policy that loads nothing', async () => {
    // Act
    const response = await api()(httpEvent({ method: 'GET', path: '/api/sites' }));

    // Assess
    expect(response.headers['content-security-policy']).toBe(API_CSP);
    expect(directives(API_CSP)['default-src']).toBe("'none'");
    expect(directives(HTML_CSP)['form-action']).toBe("'none'");
  });
});
