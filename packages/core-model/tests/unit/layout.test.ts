// Table layout: key formats agree with template.yaml and its stream filter, and sort-key ranges hold their items.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  DEAD_LETTER_PARTITION,
  deadLetterKey,
  decodeDeadLetter,
  decodeKey,
  decodeStoredEngagement,
  decodeStoredView,
  encodeDeadLetter,
  encodeRawEvent,
  encodeRawView,
  encodeThrottle,
  encodeUser,
  engagementRaise,
  engagementUpsert,
  eventKey,
  goalKey,
  type Key,
  PARTITION_KEY,
  pageviewUpsert,
  type SectionRange,
  SIGNIN_WINDOW_MS,
  SORT_KEY,
  sameViewIdentity,
  seriesKey,
  seriesRange,
  TRIE_DIMENSIONS,
  TTL_ATTRIBUTE,
  techKey,
  techRange,
  throttleKey,
  trieNodeKey,
  trieRange,
  userKey,
  VIEW_SECTION,
  valueHash,
  viewKey,
} from '../../src';
import { DOCUMENTED_EVENT_FILTER, DOCUMENTED_VIEW_FILTER } from '../fixtures/viewStreamFilter';
import { matchesFilter, TEMPLATE_PATH, templateFilterPatterns } from '../helpers/streamFilter';
import { aView } from '../helpers/views';

const template = readFileSync(TEMPLATE_PATH, 'utf8');
// Lambda passes a record that matches any one of a mapping's filters.
const FILTERS: [string, unknown[]][] = [
  ['the filters docs/data-model.md specifies', [DOCUMENTED_VIEW_FILTER, DOCUMENTED_EVENT_FILTER]],
  ['the template.yaml stream filters', templateFilterPatterns()],
];
const anyMatches = (filters: unknown[], r: unknown) => filters.some((f) => matchesFilter(f, r));

/** A stream record as the event source mapping's filter sees it (REMOVE records carry no new image). */
const record = (
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  key: Key,
  image: Record<string, unknown> = key,
) => ({
  eventName,
  eventSource: 'aws:dynamodb',
  dynamodb: {
    Keys: key,
    ...(eventName === 'REMOVE' ? { OldImage: image } : { NewImage: image }),
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  },
});

/** Every kind of item the table holds that is not a raw view. */
const NOT_VIEWS: [string, Key][] = [
  ['user', userKey('admin')],
  ['sign-in throttle', throttleKey('admin')],
  ['series', seriesKey('example.com', '2026-03-08')],
  ['page trie', trieNodeKey('example.com', 'page', '2026-03-08', '3f')],
  ['referrer trie', trieNodeKey('example.com', 'referrer', '2026-03-08', '')],
  ['technology dims', techKey('example.com', '2026-03-08')],
  ['dead letter', deadLetterKey('2026-03-08T00:00:00.000Z#x')],
];

const VIEW_ID = '0b0c4a4e-7e0e-4c59-9d2a-6f1f3c2b1a00';

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

describe.each(FILTERS)('%s', (_name, filters) => {
  const passes = (r: unknown) => anyMatches(filters, r);

  test('passes inserts of custom events, never their TTL delete', () => {
    // Prepare
    const event = {
      id: VIEW_ID,
      site: 'example.com',
      path: '/',
      name: 'signup',
      props: { plan: 'pro' },
      time: 0,
      bot: false,
      expiresAt: 1,
    };
    const key = eventKey(event.id);

    // Act / Assess
    expect(passes(record('INSERT', key, encodeRawEvent(event)))).toBe(true);
    expect(passes(record('REMOVE', key, encodeRawEvent(event)))).toBe(false);
  });

  test('drops writes of goals', () => {
    expect(passes(record('INSERT', goalKey('example.com', '0123abcd')))).toBe(false);
  });

  test('passes inserts and modifies of raw views that hold a pageview', () => {
    // Prepare
    const image = encodeRawView(aView({ id: VIEW_ID }));
    const key = viewKey(VIEW_ID.toUpperCase());

    // Act / Assess
    expect(passes(record('INSERT', key, image))).toBe(true);
    expect(passes(record('MODIFY', key, image))).toBe(true);
  });

  test('drops engagement that is still waiting for its pageview', () => {
    // Prepare
    const key = viewKey(VIEW_ID);
    const pending = { ...key, Duration: { N: '30' }, Scroll: { N: '50' }, ExpiresAt: { N: '1' } };

    // Act / Assess
    expect(passes(record('INSERT', key, pending))).toBe(false);
    expect(passes(record('MODIFY', key, pending))).toBe(false);
  });

  test('drops the TTL delete of a raw view', () => {
    expect(passes(record('REMOVE', viewKey(VIEW_ID), encodeRawView(aView())))).toBe(false);
  });

  test.each(NOT_VIEWS)('drops writes of a %s item', (_kind, key) => {
    expect(passes(record('INSERT', key))).toBe(false);
    expect(passes(record('MODIFY', key))).toBe(false);
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

  test('no aggregate key is in Section "view" or in a view partition, whatever the site, day or value', () => {
    // Prepare
    const input = fc.record({
      site: fc.string({ minLength: 1 }),
      day: fc.constantFrom('2026-03-08', '2027-01-01'),
      value: fc.string(),
      depth: fc.nat(16),
    });

    // Act / Assess
    fc.assert(
      fc.property(input, ({ site, day, value, depth }) => {
        const prefix = valueHash(value).hex.slice(0, depth);
        const keys = [
          seriesKey(site, day),
          techKey(site, day),
          ...TRIE_DIMENSIONS.map((d) => trieNodeKey(site, d, day, prefix)),
        ];
        for (const k of keys) {
          expect(k.Section.S).not.toBe(VIEW_SECTION);
          expect(k.Path.S.startsWith('site#')).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('dead letters live in their own partition, apart from views and sites', () => {
    expect(deadLetterKey('x').Path.S).toBe(DEAD_LETTER_PARTITION);
    expect(DEAD_LETTER_PARTITION.startsWith('site#') || DEAD_LETTER_PARTITION.startsWith('view#')).toBe(
      false,
    );
  });
});

describe('sort-key ranges hold exactly the items a report needs', () => {
  test("trieRange holds every item of its dimension's trie on the first and last day, and no other", () => {
    // Prepare
    const range = trieRange('example.com', 'page', '2026-03-01', '2026-03-31');
    const deep = valueHash('/blog/').hex;

    // Act / Assess
    for (const day of ['2026-03-01', '2026-03-31'])
      for (const prefix of ['', '0', 'f', deep.slice(0, 16)])
        expect(inRange(range, trieNodeKey('example.com', 'page', day, prefix))).toBe(true);
    expect(inRange(range, trieNodeKey('example.com', 'page', '2026-04-01', ''))).toBe(false);
    expect(inRange(range, trieNodeKey('example.com', 'page', '2026-02-28', 'f'))).toBe(false);
    expect(inRange(range, trieNodeKey('example.com', 'referrer', '2026-03-15', ''))).toBe(false);
    expect(inRange(range, seriesKey('example.com', '2026-03-15'))).toBe(false);
    expect(inRange(range, techKey('example.com', '2026-03-15'))).toBe(false);
  });

  test('techRange and seriesRange are inclusive and stay in their site and kind', () => {
    // Prepare
    const tech = techRange('example.com', '2026-03-01', '2026-03-31');
    const series = seriesRange('example.com', '2026-03-01', '2026-03-31');

    // Act / Assess
    expect(inRange(tech, techKey('example.com', '2026-03-01'))).toBe(true);
    expect(inRange(tech, techKey('example.com', '2026-03-31'))).toBe(true);
    expect(inRange(tech, seriesKey('example.com', '2026-03-15'))).toBe(false);
    expect(inRange(series, seriesKey('example.com', '2026-03-01'))).toBe(true);
    expect(inRange(series, seriesKey('example.com', '2026-03-31'))).toBe(true);
    expect(inRange(series, seriesKey('example.org', '2026-03-15'))).toBe(false);
    expect(inRange(series, techKey('example.com', '2026-03-15'))).toBe(false);
  });
});

describe('raw view, user and throttle keys', () => {
  test('a pageview sets every field under its key, only if no pageview was recorded, and keeps engagement', () => {
    // Prepare
    const view = aView({ id: VIEW_ID.toUpperCase(), duration: 30, scroll: 40 });

    // Act
    const update = pageviewUpsert(view);

    // Assess
    expect(update.Key).toEqual(viewKey(VIEW_ID));
    expect(update.ConditionExpression).toBe('attribute_not_exists(#page)');
    expect(update.ExpressionAttributeNames['#page']).toBe('Page');
    const set = Object.values(update.ExpressionAttributeNames);
    expect(set).toEqual(expect.arrayContaining(['Site', 'Page', 'Time', 'Unique', 'Bot', TTL_ATTRIBUTE]));
    expect(set).not.toContain('Duration');
    expect(set).not.toContain('Scroll');
  });

  test('an engagement creates or raises, never lowers, and a pending item expires on its own', () => {
    // Act
    const update = engagementUpsert(VIEW_ID, 42, 80, 1_700_000_000);

    // Assess
    expect(update.Key).toEqual(viewKey(VIEW_ID));
    expect(update.ConditionExpression).toBe(
      '(attribute_not_exists(#d) OR #d <= :d) AND (attribute_not_exists(#s) OR #s <= :s)',
    );
    expect(update.UpdateExpression).toContain('if_not_exists(#e, :e)');
    expect(update.ExpressionAttributeValues).toEqual({
      ':d': { N: '42' },
      ':s': { N: '80' },
      ':e': { N: '1700000000' },
    });
  });

  test('a raise is conditional on the values it read, absent ones included', () => {
    // Act
    const both = engagementRaise(VIEW_ID, { duration: 100, scroll: 60 }, { duration: 100, scroll: 20 }, 9);
    const none = engagementRaise(
      VIEW_ID,
      { duration: 5, scroll: 9 },
      { duration: undefined, scroll: undefined },
      9,
    );

    // Assess
    expect(both.ConditionExpression).toBe('#d = :od AND #s = :os');
    expect(both.ExpressionAttributeValues[':od']).toEqual({ N: '100' });
    expect(both.ExpressionAttributeValues[':os']).toEqual({ N: '20' });
    expect(none.ConditionExpression).toBe('attribute_not_exists(#d) AND attribute_not_exists(#s)');
    // If the item expired in between, the one a raise creates expires too.
    expect(none.UpdateExpression).toContain('if_not_exists(#e, :e)');
    expect(none.ExpressionAttributeValues[':e']).toEqual({ N: '9' });
  });

  test('a stored image is a view, or engagement waiting for its pageview; nothing else', () => {
    // Prepare
    const view = aView({ id: VIEW_ID });
    const pending = { ...viewKey(VIEW_ID), Duration: { N: '7' }, Scroll: { N: '9' }, ExpiresAt: { N: '1' } };

    // Act / Assess
    expect(decodeStoredView(encodeRawView(view))).toEqual({ ok: true, value: { kind: 'view', view } });
    expect(decodeStoredView(pending)).toEqual({
      ok: true,
      value: { kind: 'pending', duration: 7, scroll: 9 },
    });
    expect(decodeStoredView({ ...pending, Duration: { S: '7' } }).ok).toBe(false);
    expect(decodeStoredView({ ...encodeRawView(view), Site: { N: '1' } }).ok).toBe(false);
    expect(decodeStoredEngagement(pending)).toEqual({ ok: true, value: { duration: 7, scroll: 9 } });
  });

  test('a view keeps its identity when only engagement and expiry change', () => {
    // Prepare
    const view = aView({ id: VIEW_ID });

    // Act / Assess
    expect(sameViewIdentity(view, { ...view, duration: 9, scroll: 3, expiresAt: 1 })).toBe(true);
    expect(sameViewIdentity(view, { ...view, path: '/other' })).toBe(false);
    expect(sameViewIdentity(view, { ...view, unique: !view.unique })).toBe(false);
  });

  test('a throttle item expires after its window, and usernames are case-insensitive', () => {
    // Act
    const item = encodeThrottle({ username: 'Admin', failures: 3, windowStart: 1_000_000 });

    // Assess
    expect({ Path: item.Path, Section: item.Section }).toEqual(throttleKey('ADMIN'));
    expect(Number(item[TTL_ATTRIBUTE]?.N) * 1000).toBeGreaterThanOrEqual(1_000_000 + SIGNIN_WINDOW_MS);
  });
});

describe('dead letters', () => {
  test('round-trip with their counters, and refuse a malformed item with its attribute path', () => {
    // Prepare
    const letter = {
      id: '2026-03-08T14:00:00.000Z#123#abc',
      kind: 'update' as const,
      at: 1,
      error: 'ValidationException: Item size to update has exceeded the maximum allowed size',
      source: '123',
      target: { path: 'site#example.com', section: 'series#2026-03-08' },
      adds: { v14: 3n, u14: -1n },
      record: undefined,
      claimedAt: undefined,
    };

    // Act
    const item = encodeDeadLetter(letter);
    const back = decodeDeadLetter(item);
    const broken = decodeDeadLetter({ ...item, Adds: { M: { v14: { S: 'x' } } } });

    // Assess
    expect(back).toEqual({ ok: true, value: letter });
    expect(item.Path).toEqual({ S: DEAD_LETTER_PARTITION });
    expect(broken.ok ? '' : broken.error.path).toBe('Adds.v14');
  });
});
