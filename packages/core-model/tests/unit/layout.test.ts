// Table layout: key formats agree with template.yaml and its stream filter, and sort-key ranges hold their items.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  breakdownRange,
  decodeKey,
  dimsKey,
  dimsRange,
  encodeRawView,
  encodeThrottle,
  encodeUser,
  engagementUpdate,
  HOUR_SHARDS,
  hourItemKey,
  hourItemsRange,
  type Key,
  PAGE_SHARDS,
  PARTITION_KEY,
  pagesKey,
  pagesRange,
  pathDigest,
  type SectionRange,
  SIGNIN_WINDOW_MS,
  SORT_KEY,
  seriesKey,
  seriesRange,
  TTL_ATTRIBUTE,
  throttleKey,
  userKey,
  VIEW_SECTION,
  viewKey,
} from '../../src';
import { DOCUMENTED_VIEW_FILTER } from '../fixtures/viewStreamFilter';
import { matchesFilter, TEMPLATE_PATH, templateFilterPatterns } from '../helpers/streamFilter';
import { aView } from '../helpers/views';

const template = readFileSync(TEMPLATE_PATH, 'utf8');
const FILTERS: [string, unknown][] = [
  ['the filter docs/data-model.md specifies', DOCUMENTED_VIEW_FILTER],
  ...templateFilterPatterns().map((p, i): [string, unknown] => [`template.yaml stream filter ${i + 1}`, p]),
];

/** A stream record as the event source mapping's filter sees it. */
const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', key: Key) => ({
  eventName,
  eventSource: 'aws:dynamodb',
  dynamodb: { Keys: key, StreamViewType: 'NEW_AND_OLD_IMAGES' },
});

/** Every kind of item the table holds that is not a raw view. */
const NOT_VIEWS: [string, Key][] = [
  ['user', userKey('admin')],
  ['sign-in throttle', throttleKey('admin')],
  ['series', seriesKey('example.com', '2026-03-08')],
  ['page hour', hourItemKey('example.com', '0', '2026-03-08T14')],
  ['pages shard', pagesKey('example.com', '2026-03-08', 'f')],
  ['sources dims', dimsKey('example.com', '2026-03-08', 's')],
  ['technology dims', dimsKey('example.com', '2026-03-08', 't')],
];

const inRange = (r: SectionRange, k: Key) =>
  k.Path.S === r.partition && r.from <= k.Section.S && k.Section.S <= r.to;

describe('template.yaml declares the keys core-model writes', () => {
  test('partition key, sort key and TTL attribute', () => {
    expect(template).toMatch(new RegExp(`AttributeName: ${PARTITION_KEY}\\s+KeyType: HASH`));
    expect(template).toMatch(new RegExp(`AttributeName: ${SORT_KEY}\\s+KeyType: RANGE`));
    expect(template).toMatch(new RegExp(`TimeToLiveSpecification:\\s+AttributeName: ${TTL_ATTRIBUTE}`));
  });

  test('a stream with old images, which the trigger needs to count engagement differences', () => {
    expect(template).toMatch(/StreamViewType: NEW_AND_OLD_IMAGES/);
  });
});

describe.each(FILTERS)('%s', (_name, filter) => {
  test('passes inserts and modifies of raw views', () => {
    // Prepare
    const key = viewKey('0B0C4A4E-7E0E-4C59-9D2A-6F1F3C2B1A00');

    // Act / Assess
    expect(matchesFilter(filter, record('INSERT', key))).toBe(true);
    expect(matchesFilter(filter, record('MODIFY', key))).toBe(true);
  });

  test('drops the TTL delete of a raw view', () => {
    expect(matchesFilter(filter, record('REMOVE', viewKey('0b0c4a4e-7e0e-4c59-9d2a-6f1f3c2b1a00')))).toBe(
      false,
    );
  });

  test.each(NOT_VIEWS)('drops writes of a %s item', (_kind, key) => {
    expect(matchesFilter(filter, record('INSERT', key))).toBe(false);
    expect(matchesFilter(filter, record('MODIFY', key))).toBe(false);
  });
});

describe('Sections', () => {
  test('a raw view item is in Section "view", under the key viewKey gives', () => {
    // Prepare
    const view = aView();

    // Act
    const item = encodeRawView(view);

    // Assess
    expect(item.Section).toEqual({ S: VIEW_SECTION });
    expect(VIEW_SECTION).toBe('view');
    expect({ Path: item.Path, Section: item.Section }).toEqual(viewKey(view.id));
    expect(decodeKey(item)).toEqual({ ok: true, value: { path: `view#${view.id}`, section: 'view' } });
  });

  test('user and throttle items are never in Section "view"', () => {
    // Act
    const user = encodeUser({
      username: 'view',
      passwordHash: '$pbkdf2-sha256$i=600000,l=32$c2FsdA$aGFzaA',
      createdAt: 0,
      sessionEpoch: 0,
    });
    const throttle = encodeThrottle({ username: 'view', failures: 1, windowStart: 0 });

    // Assess
    expect(user.Section).toEqual({ S: 'user' });
    expect(throttle.Section).toEqual({ S: 'throttle' });
  });

  test('no aggregate key is in Section "view" or in a view partition, whatever the site, day or path', () => {
    // Prepare
    const input = fc.record({
      site: fc.string({ minLength: 1 }),
      day: fc.constantFrom('2026-03-08', '2027-01-01'),
      path: fc.string().map((p) => `/${p}`),
    });

    // Act / Assess
    fc.assert(
      fc.property(input, ({ site, day, path }) => {
        const { shard, hourShard } = pathDigest(path);
        const keys = [
          seriesKey(site, day),
          hourItemKey(site, hourShard, `${day}T00`),
          pagesKey(site, day, shard),
          dimsKey(site, day, 's'),
          dimsKey(site, day, 't'),
        ];
        for (const k of keys) {
          expect(k.Section.S).not.toBe(VIEW_SECTION);
          expect(k.Path.S.startsWith('site#')).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('sort-key ranges hold exactly the items a report needs', () => {
  test('pagesRange holds every shard of the first and last day', () => {
    // Prepare
    const range = pagesRange('example.com', '2026-03-01', '2026-03-31');
    const shards = Array.from({ length: PAGE_SHARDS }, (_, i) => i.toString(16));

    // Act / Assess
    for (const day of ['2026-03-01', '2026-03-31'])
      for (const s of shards) expect(inRange(range, pagesKey('example.com', day, s))).toBe(true);
    expect(inRange(range, pagesKey('example.com', '2026-04-01', '0'))).toBe(false);
    expect(inRange(range, pagesKey('example.com', '2026-02-28', 'f'))).toBe(false);
  });

  test('dimsRange holds only the group of its dimension, first and last day included', () => {
    // Prepare
    const referrers = dimsRange('example.com', 'referrer', '2026-03-01', '2026-03-31');
    const browsers = dimsRange('example.com', 'browser', '2026-03-01', '2026-03-31');

    // Act / Assess
    for (const day of ['2026-03-01', '2026-03-31']) {
      expect(inRange(referrers, dimsKey('example.com', day, 's'))).toBe(true);
      expect(inRange(referrers, dimsKey('example.com', day, 't'))).toBe(false);
      expect(inRange(browsers, dimsKey('example.com', day, 't'))).toBe(true);
      expect(inRange(browsers, dimsKey('example.com', day, 's'))).toBe(false);
    }
    expect(inRange(referrers, dimsKey('example.com', '2026-04-01', 's'))).toBe(false);
    expect(inRange(referrers, seriesKey('example.com', '2026-03-15'))).toBe(false);
  });

  test('breakdownRange reads page shards for pages and the right dims group otherwise', () => {
    // Act / Assess
    expect(breakdownRange('example.com', 'page', '2026-03-01', '2026-03-02')).toEqual(
      pagesRange('example.com', '2026-03-01', '2026-03-02'),
    );
    for (const d of ['utm_source', 'utm_campaign'] as const)
      expect(breakdownRange('example.com', d, '2026-03-01', '2026-03-02')).toEqual(
        dimsRange('example.com', 'referrer', '2026-03-01', '2026-03-02'),
      );
    for (const d of ['os', 'device', 'country'] as const)
      expect(breakdownRange('example.com', d, '2026-03-01', '2026-03-02')).toEqual(
        dimsRange('example.com', 'browser', '2026-03-01', '2026-03-02'),
      );
  });

  test('seriesRange is inclusive and stays in its site', () => {
    // Prepare
    const range = seriesRange('example.com', '2026-03-01', '2026-03-31');

    // Act / Assess
    expect(inRange(range, seriesKey('example.com', '2026-03-01'))).toBe(true);
    expect(inRange(range, seriesKey('example.com', '2026-03-31'))).toBe(true);
    expect(inRange(range, seriesKey('example.org', '2026-03-15'))).toBe(false);
  });

  test("hourItemsRange holds the path's own hour items and no other shard", () => {
    // Prepare
    const { hourShard } = pathDigest('/blog/');
    const range = hourItemsRange('example.com', '/blog/', '2026-03-08T00', '2026-03-09T23');
    const others = Array.from({ length: HOUR_SHARDS }, (_, i) => i.toString(16)).filter(
      (s) => s !== hourShard,
    );

    // Act / Assess
    expect(inRange(range, hourItemKey('example.com', hourShard, '2026-03-08T00'))).toBe(true);
    expect(inRange(range, hourItemKey('example.com', hourShard, '2026-03-09T23'))).toBe(true);
    expect(inRange(range, hourItemKey('example.com', hourShard, '2026-03-10T00'))).toBe(false);
    for (const s of others)
      expect(inRange(range, hourItemKey('example.com', s, '2026-03-08T12'))).toBe(false);
  });
});

describe('raw view, user and throttle keys', () => {
  test('an engagement updates only an existing view, under its key', () => {
    // Act
    const update = engagementUpdate('0B0C4A4E-7E0E-4C59-9D2A-6F1F3C2B1A00', 42, 80);

    // Assess
    expect(update.Key).toEqual(viewKey('0b0c4a4e-7e0e-4c59-9d2a-6f1f3c2b1a00'));
    expect(update.ConditionExpression).toBe('attribute_exists(#p)');
    expect(update.ExpressionAttributeNames['#p']).toBe(PARTITION_KEY);
    expect(update.ExpressionAttributeValues).toEqual({ ':d': { N: '42' }, ':s': { N: '80' } });
  });

  test('a throttle item expires after its window, and usernames are case-insensitive', () => {
    // Act
    const item = encodeThrottle({ username: 'Admin', failures: 3, windowStart: 1_000_000 });

    // Assess
    expect({ Path: item.Path, Section: item.Section }).toEqual(throttleKey('ADMIN'));
    expect(Number(item[TTL_ATTRIBUTE]?.N) * 1000).toBeGreaterThanOrEqual(1_000_000 + SIGNIN_WINDOW_MS);
  });
});
