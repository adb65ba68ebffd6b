// HTTP body and query schemas of SPEC §3: what the API accepts and each way a client can get it wrong.
import {
  appendBody,
  breakdownQuery,
  engagementEvent,
  exportQuery,
  hasForbiddenCharacters,
  pageviewEvent,
  signinBody,
  timeseriesQuery,
} from '../../src/schemas';

const ID = '0b0c4a4e-7e0e-4c59-9d2a-6f1f3c2b1a00';

const pageview = {
  type: 'pageview',
  id: ID,
  site: 'example.com',
  path: '/blog/hello?x=1',
  referrer: 'https://news.ycombinator.com/',
  unique: true,
  screen: [1920, 1080],
  viewport: [1280, 720],
  tz: 'Europe/Berlin',
  lang: 'de-DE',
  utm: { source: 'newsletter', campaign: 'spring' },
};
const engagement = { type: 'engagement', id: ID, site: 'example.com', path: '/', duration: 42, scroll: 80 };
const append = { uuid: ID, path: '/', duration: 12, scroll: 100 };
const timeseries = { site: 'example.com', from: '2026-01-01', to: '2026-01-31', interval: 'day', tz: 'UTC' };
const breakdown = {
  site: 'example.com',
  from: '2026-01-01',
  to: '2026-01-31',
  dimension: 'referrer',
  limit: '10',
};

describe('valid bodies parse', () => {
  test('a full pageview, and a minimal one', () => {
    // Act
    const full = pageviewEvent.safeParse(pageview);
    const minimal = pageviewEvent.safeParse({ type: 'pageview', id: ID, site: 'localhost:3000', path: '/' });

    // Assess
    expect(full.success && full.data).toEqual(pageview);
    expect(minimal.success).toBe(true);
  });

  test('an engagement at both ends of its ranges', () => {
    expect(engagementEvent.safeParse({ ...engagement, duration: 0, scroll: 0 }).success).toBe(true);
    expect(engagementEvent.safeParse({ ...engagement, duration: 7200, scroll: 100 }).success).toBe(true);
  });

  test('the original embed’s append, with and without a path', () => {
    expect(appendBody.safeParse(append).success).toBe(true);
    expect(appendBody.safeParse({ uuid: ID, duration: 1, scroll: 1 }).success).toBe(true);
  });

  test('a sign-in', () => {
    expect(
      signinBody.safeParse({ username: 'admin', password: 'correct horse battery staple' }).success,
    ).toBe(true);
  });

  test('reporting queries', () => {
    expect(timeseriesQuery.safeParse(timeseries).success).toBe(true);
    expect(
      timeseriesQuery.safeParse({ site: 'example.com', from: '2026-01-01', to: '2026-01-01' }).success,
    ).toBe(true);
    expect(breakdownQuery.safeParse(breakdown).success).toBe(true);
    expect(breakdownQuery.safeParse({ ...breakdown, dimension: 'page', path: '/blog/' }).success).toBe(true);
    expect(exportQuery.safeParse({ site: 'example.com', from: '2026-01-01', to: '2026-01-31' }).success).toBe(
      true,
    );
  });
});

describe('a pageview is rejected', () => {
  test.each<[string, unknown]>([
    ['with the wrong type', { ...pageview, type: 'click' }],
    ['without an id', { ...pageview, id: undefined }],
    ['with a non-UUID id', { ...pageview, id: 'not-a-uuid' }],
    ['with a UUID missing a digit', { ...pageview, id: ID.slice(1) }],
    ['with a path not starting with /', { ...pageview, path: 'blog/' }],
    ['with an empty path', { ...pageview, path: '' }],
    ['with a path over 512 chars', { ...pageview, path: `/${'a'.repeat(512)}` }],
    ['with a site containing spaces', { ...pageview, site: 'example .com' }],
    ['with a site that is a URL', { ...pageview, site: 'https://example.com' }],
    ['with a screen of one number', { ...pageview, screen: [1920] }],
    ['with a screen of three numbers', { ...pageview, screen: [1920, 1080, 24] }],
    ['with a screen as a string', { ...pageview, screen: '1920x1080' }],
    ['with a fractional viewport', { ...pageview, viewport: [1280.5, 720] }],
    ['with a negative viewport', { ...pageview, viewport: [-1, 720] }],
    ['with unique as a string', { ...pageview, unique: 'true' }],
    ['with a UTM value over 100 chars', { ...pageview, utm: { source: 'x'.repeat(101) } }],
    ['that is an array', [pageview]],
    ['that is null', null],
  ])('%s', (_label, body) => {
    expect(pageviewEvent.safeParse(body).success).toBe(false);
  });

  test('with a path of exactly 512 chars is still fine', () => {
    expect(pageviewEvent.safeParse({ ...pageview, path: `/${'a'.repeat(511)}` }).success).toBe(true);
  });
});

describe('an engagement or append is rejected', () => {
  test.each<[string, unknown]>([
    ['duration -1', { duration: -1 }],
    ['duration 1.5', { duration: 1.5 }],
    ['duration NaN', { duration: Number.NaN }],
    ['duration 7201', { duration: 7201 }],
    ['duration as a string', { duration: '42' }],
    ['scroll 101', { scroll: 101 }],
    ['scroll -1', { scroll: -1 }],
    ['no scroll', { scroll: undefined }],
  ])('with %s', (_label, change) => {
    expect(engagementEvent.safeParse({ ...engagement, ...(change as object) }).success).toBe(false);
    expect(appendBody.safeParse({ ...append, ...(change as object) }).success).toBe(false);
  });

  test('an engagement typed as a pageview, or an append without its uuid', () => {
    expect(engagementEvent.safeParse({ ...engagement, type: 'pageview' }).success).toBe(false);
    expect(appendBody.safeParse({ ...append, uuid: undefined }).success).toBe(false);
  });
});

describe('a sign-in is rejected', () => {
  test.each<[string, unknown]>([
    ['an empty username', { username: '', password: 'x' }],
    ['an empty password', { username: 'admin', password: '' }],
    ['a username over 64 chars', { username: 'a'.repeat(65), password: 'x' }],
    ['a password over 1024 chars', { username: 'admin', password: 'x'.repeat(1025) }],
    ['a numeric password', { username: 'admin', password: 1234 }],
  ])('with %s', (_label, body) => {
    expect(signinBody.safeParse(body).success).toBe(false);
  });
});

describe('a reporting query is rejected', () => {
  test.each<[string, unknown]>([
    ['a date without zero padding', { ...timeseries, from: '2026-1-1' }],
    ['a date with a time', { ...timeseries, to: '2026-01-31T00:00' }],
    ['a word for a date', { ...timeseries, from: 'yesterday' }],
    ['no site', { ...timeseries, site: undefined }],
    ['an unknown interval', { ...timeseries, interval: 'year' }],
    ['an empty time zone', { ...timeseries, tz: '' }],
    ['a path not starting with /', { ...timeseries, path: 'blog' }],
  ])('timeseries with %s', (_label, query) => {
    expect(timeseriesQuery.safeParse(query).success).toBe(false);
  });

  test.each<[string, unknown]>([
    ['an unknown dimension', { ...breakdown, dimension: 'city' }],
    ['a dimension in the wrong case', { ...breakdown, dimension: 'Referrer' }],
    ['no dimension', { ...breakdown, dimension: undefined }],
    ['a non-numeric limit', { ...breakdown, limit: 'ten' }],
    ['a negative limit', { ...breakdown, limit: '-1' }],
    ['a bad date', { ...breakdown, to: '31.01.2026' }],
  ])('breakdown with %s', (_label, query) => {
    expect(breakdownQuery.safeParse(query).success).toBe(false);
  });

  test('export without a range', () => {
    expect(exportQuery.safeParse({ site: 'example.com' }).success).toBe(false);
  });
});

describe('text fields: limits in UTF-8 bytes, no control or bidi characters (SPEC §3)', () => {
  const event = (overrides: Record<string, unknown>) => ({
    type: 'pageview',
    id: '0b0c4a4e-7e0e-4c59-9d2a-6f1f3c2b1a00',
    site: 'example.com',
    path: '/',
    ...overrides,
  });

  test.each([
    ['a path of 512 ASCII bytes', `/${'a'.repeat(511)}`],
    ['a path of 512 bytes of two-byte letters', `/${'é'.repeat(255)}a`],
    ['a UTM value of exactly 100 bytes (and a plain path)', '/'],
  ])('accepts %s', (_name, path) => {
    expect(pageviewEvent.safeParse(event({ path, utm: { source: 'ü'.repeat(50) } })).success).toBe(true);
  });

  test.each([
    ['a path of 513 bytes', { path: `/${'a'.repeat(512)}` }],
    ['a path of 171 three-byte characters (513 bytes, 172 characters)', { path: `/${'€'.repeat(171)}` }],
    ['a UTM value of 101 bytes', { utm: { campaign: `${'ü'.repeat(50)}x` } }],
    ['a NUL in the path', { path: '/a\u0000b' }],
    ['a C1 control in the referrer', { referrer: 'https://x.example/\u0085' }],
    ['a right-to-left override in a UTM value', { utm: { source: 'news\u202eletter' } }],
    ['a first-strong isolate in the time zone', { tz: '\u2068Europe/Paris' }],
    ['a lone surrogate in the path', { path: '/\ud800x' }],
  ])('refuses %s', (_name, overrides) => {
    expect(pageviewEvent.safeParse(event(overrides)).success).toBe(false);
  });

  test('text with real emoji (surrogate pairs) and other scripts is fine', () => {
    expect(hasForbiddenCharacters('/blog/日本語/😀')).toBe(false);
    expect(pageviewEvent.safeParse(event({ path: '/blog/日本語/😀' })).success).toBe(true);
  });
});
