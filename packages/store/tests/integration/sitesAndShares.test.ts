// Site items and share links on DynamoDB Local: the list read in one Query, the first list written once, and a
// link deleted only through its own site.
import { testUser } from '@footfall/testing';
import {
  addSite,
  addUser,
  createShare,
  deleteShare,
  listShares,
  listSites,
  readShare,
  readUser,
  removeSite,
  seedSites,
  setUserAccess,
  type Table,
} from '../../src';
import { freshTable } from '../helpers/table';

jest.setTimeout(120_000);

let table: Table & { cleanup: () => Promise<void> };
beforeEach(async () => {
  table = await freshTable();
});
afterEach(async () => {
  await table.cleanup();
});

describe('sites', () => {
  it('adds, lists (sorted, lower-case) and removes sites; a second add or remove says so', async () => {
    // Act
    const added = [await addSite(table, 'b.example.com', 1), await addSite(table, 'A.example.com', 1)];
    const again = await addSite(table, 'a.example.com', 2);
    const listed = await listSites(table);
    const removed = await removeSite(table, 'a.example.com');
    const missing = await removeSite(table, 'a.example.com');
    const after = await listSites(table);

    // Assess
    expect(added).toEqual(['added', 'added']);
    expect(again).toBe('exists');
    expect(listed).toMatchObject({ sites: ['a.example.com', 'b.example.com'], seeded: false, errors: [] });
    expect(listed.readUnits).toBe(0.5);
    expect([removed, missing]).toEqual(['removed', 'missing']);
    expect(after.sites).toEqual(['b.example.com']);
  });

  it('writes the first list with its marker, and running it again (another container) changes nothing', async () => {
    // Act
    await seedSites(table, ['example.com', 'blog.example.com'], 1);
    await removeSite(table, 'blog.example.com');
    await seedSites(table, ['example.com'], 2);
    const listed = await listSites(table);

    // Assess
    expect(listed).toMatchObject({ sites: ['example.com'], seeded: true });
  });
});

describe('share links', () => {
  it('creates, reads, lists per site and deletes a link only through its own site', async () => {
    // Prepare
    const link = {
      id: 'A'.repeat(24),
      site: 'example.com',
      createdAt: 5,
      origins: ['https://b.example.com'],
    };
    const other = { id: 'B'.repeat(24), site: 'blog.example.com', createdAt: 6, expiresAt: 100, origins: [] };

    // Act
    await createShare(table, link);
    await createShare(table, other);
    const read = await readShare(table, link.id);
    const mine = await listShares(table, 'example.com');
    const wrongSite = await deleteShare(table, 'blog.example.com', link.id);
    const deleted = await deleteShare(table, 'example.com', link.id);
    const gone = await readShare(table, link.id);

    // Assess
    expect(read.link).toEqual({ ok: true, value: { ...link, expiresAt: undefined } });
    expect(mine.links.map((l) => l.id)).toEqual([link.id]);
    expect(wrongSite).toBe('missing');
    expect(deleted).toBe('deleted');
    expect(gone.link).toBeUndefined();
  });
});

describe('user access', () => {
  it('sets a role and sites on an existing user only', async () => {
    // Prepare
    await addUser(table, testUser('vera'));

    // Act
    const changed = await setUserAccess(table, 'vera', 'viewer', ['example.com']);
    const missing = await setUserAccess(table, 'nobody', 'viewer', []);
    const { user } = await readUser(table, 'vera');

    // Assess
    expect(changed).toBe('changed');
    expect(missing).toBe('missing');
    expect(user?.ok && { role: user.value.role, sites: user.value.sites }).toEqual({
      role: 'viewer',
      sites: ['example.com'],
    });
  });
});
