// Site and share link items, and user roles: their keys, codecs and the rules read from them.
import {
  decodeShare,
  decodeSiteList,
  decodeUser,
  encodeUser,
  isValidSite,
  roleOf,
  shareIsLive,
  shareRemoval,
  siteCreation,
  sitesSeededMarker,
} from '../../src';

describe('sites', () => {
  it.each([
    ['example.com', true],
    ['Blog.Example.com', true],
    ['localhost', true],
    ['blog.localhost', true],
    ['localhost:8080', true],
    ['not a host', false],
    ['-bad.com', false],
    ['bad-.com', false],
    ['', false],
    [`${'a'.repeat(250)}.com`, false],
  ])('isValidSite(%j) is %s', (host, valid) => {
    // Assess
    expect(isValidSite(host)).toBe(valid);
  });

  it('reads the site partition: sorted sites, the marker, and what does not decode', () => {
    // Prepare
    const items = [
      siteCreation('b.example.com', 1).Item,
      siteCreation('A.example.com', 1).Item,
      sitesSeededMarker(1).Item,
      { Path: { S: 'sites' }, Section: { S: 'site#broken' } },
    ];

    // Act
    const { value, errors } = decodeSiteList(items);

    // Assess
    expect(value).toEqual({ sites: ['a.example.com', 'b.example.com'], seeded: true });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('CreatedAt');
  });
});

describe('share links', () => {
  const item = {
    Path: { S: 'shares' },
    Section: { S: 'A'.repeat(24) },
    Site: { S: 'example.com' },
    CreatedAt: { N: '1' },
    ExpiresAt: { N: '2000' },
    Origins: { L: [{ S: 'https://blog.example.com' }] },
  };

  it('decodes a link, and refuses a malformed id or origin', () => {
    // Act
    const good = decodeShare(item);
    const badId = decodeShare({ ...item, Section: { S: 'short' } });
    const badOrigin = decodeShare({ ...item, Origins: { L: [{ S: 'https://x.com; script-src *' }] } });

    // Assess
    expect(good).toEqual({
      ok: true,
      value: {
        id: 'A'.repeat(24),
        site: 'example.com',
        createdAt: 1,
        expiresAt: 2000,
        origins: ['https://blog.example.com'],
      },
    });
    expect(badId.ok).toBe(false);
    expect(badOrigin.ok).toBe(false);
  });

  it('is live until its expiry, checked on read (TTL deletes lag)', () => {
    // Prepare
    const link = { id: 'x', site: 's', createdAt: 0, expiresAt: 2000, origins: [] };

    // Assess
    expect(shareIsLive(link, 1_999_999)).toBe(true);
    expect(shareIsLive(link, 2_000_000)).toBe(false);
    expect(shareIsLive({ ...link, expiresAt: undefined }, Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  it('deletes a link only through its own site', () => {
    // Act
    const parts = shareRemoval('A'.repeat(24), 'example.com');

    // Assess
    expect(parts.ConditionExpression).toBe('attribute_exists(#p) AND #site = :site');
    expect(parts.ExpressionAttributeValues).toEqual({ ':site': { S: 'example.com' } });
  });
});

describe('roles', () => {
  it('reads a user stored before roles as an admin, and a viewer with its sites', () => {
    // Prepare
    const before = { username: 'old', passwordHash: 'x', createdAt: 1, sessionEpoch: 0 };

    // Act
    const old = decodeUser(encodeUser(before));
    const viewer = decodeUser(encodeUser({ ...before, role: 'viewer', sites: ['example.com'] }));

    // Assess
    expect(old.ok && roleOf(old.value)).toBe('admin');
    expect(viewer.ok && [roleOf(viewer.value), viewer.value.sites]).toEqual(['viewer', ['example.com']]);
  });
});
