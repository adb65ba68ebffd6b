// Mapping a request of the original embed or dashboard to a configured site: named, page, host, only site.
import { siteOfRequest } from '../../src/siteOf';

const SITES = ['example.com', 'blog.example.org', 'localhost:3001'];

describe('siteOfRequest', () => {
  it.each([
    [
      'the named site, lower-cased',
      { named: 'Blog.Example.org', origin: 'https://example.com' },
      'blog.example.org',
    ],
    ['the Origin host', { origin: 'https://blog.example.org' }, 'blog.example.org'],
    ['the Origin host without www.', { origin: 'https://www.example.com' }, 'example.com'],
    ['the Origin host with its port', { origin: 'http://localhost:3001' }, 'localhost:3001'],
    ['the Referer host', { referer: 'https://blog.example.org/posts/1?x=y' }, 'blog.example.org'],
    [
      'the Origin before the Referer',
      { origin: 'https://example.com', referer: 'https://blog.example.org/' },
      'example.com',
    ],
    [
      'the Referer when the Origin is not a site',
      { origin: 'null', referer: 'https://example.com/' },
      'example.com',
    ],
    ['the Host when it is a site', { host: 'blog.example.org' }, 'blog.example.org'],
    [
      'the page before the Host',
      { host: 'example.com', referer: 'https://blog.example.org/' },
      'blog.example.org',
    ],
  ])('takes %s', (_, hints, site) => {
    // Act
    const result = siteOfRequest(hints, SITES);

    // Assess
    expect(result).toEqual({ ok: true, value: site });
  });

  it('takes the only configured site when nothing names one', () => {
    // Act
    const result = siteOfRequest({ host: 'pv.example.com', referer: 'https://translate.example.net/' }, [
      'example.com',
    ]);

    // Assess
    expect(result).toEqual({ ok: true, value: 'example.com' });
  });

  it('refuses a named site that is not configured with 403 site_not_allowed', () => {
    // Act
    const result = siteOfRequest({ named: 'evil.example', origin: 'https://example.com' }, SITES);

    // Assess
    expect(result.ok).toBe(false);
    expect(!result.ok && [result.error.status, result.error.code]).toEqual([403, 'site_not_allowed']);
  });

  it.each([
    ['nothing', {}],
    ['only the API host', { host: 'pv.example.com' }],
    ['an unconfigured page', { origin: 'https://other.example.net', referer: 'not a url' }],
  ])('answers 400 missing_site for %s among several sites, saying what it saw', (_, hints) => {
    // Act
    const result = siteOfRequest(hints, SITES);

    // Assess
    expect(result.ok).toBe(false);
    expect(!result.ok && [result.error.status, result.error.code]).toEqual([400, 'missing_site']);
    expect(!result.ok && result.error.message).toContain('site=<host>');
  });
});
