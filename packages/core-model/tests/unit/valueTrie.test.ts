// Value tries: keys, entry names and budgets that keep an item in one write unit, and what readers decode.
import fc from 'fast-check';
import {
  DISTINCT_CAP,
  entryBytes,
  entryKind,
  hourEntry,
  itemBytes,
  MAX_TRIE_DEPTH,
  NODE_TARGET_BYTES,
  nodeBudget,
  OTHER_ENTRY,
  packPageHour,
  packPair,
  parseHourEntry,
  parseTrieSection,
  readTrieNode,
  readTrieRows,
  SIZE_ATTRIBUTE,
  TRIE_DIMENSIONS,
  trieNodeKey,
  valueEntry,
  valueHash,
  zeroCounters,
} from '../../src';

describe('hashes and keys', () => {
  test('are pinned: items already written are found by them', () => {
    expect(valueHash('/')).toEqual({
      hex: '8a5edab282632443219e051e4ade2d1d5bbc671c781051bf1437897cbdfea0f1',
      id: 'il7asoJj',
    });
    expect(trieNodeKey('example.com', 'page', '2026-03-08', '8a')).toEqual({
      Path: { S: 'site#example.com' },
      Section: { S: 'pg#2026-03-08#8a' },
    });
  });

  test('every trie has its own two-letter code, and a Section reads back to its place', () => {
    const codes = TRIE_DIMENSIONS.map((d) => trieNodeKey('s', d, '2026-03-08', '').Section.S.slice(0, 2));
    expect(new Set(codes).size).toBe(TRIE_DIMENSIONS.length);
    for (const d of TRIE_DIMENSIONS)
      expect(parseTrieSection(trieNodeKey('s', d, '2026-03-08', 'abc').Section.S)).toEqual({
        dimension: d,
        day: '2026-03-08',
        prefix: 'abc',
      });
    expect(parseTrieSection('series#2026-03-08')).toBeUndefined();
    expect(parseTrieSection('pg#2026-03-08#xyz')).toBeUndefined();
  });

  test('the caps are at least what SPEC §5 promises', () => {
    expect(DISTINCT_CAP.page).toBeGreaterThanOrEqual(10_000);
    for (const d of TRIE_DIMENSIONS.filter((x) => x !== 'page'))
      expect(DISTINCT_CAP[d]).toBeGreaterThanOrEqual(2_000);
  });
});

describe('entry names', () => {
  test('values, hour entries, (other) and the size attribute never look alike', () => {
    const id = valueHash('/blog/').id;
    expect(entryKind(valueEntry('/blog/'))).toBe('value');
    expect(entryKind(valueEntry('Path'))).toBe('value');
    expect(entryKind(hourEntry(id, 0))).toBe('hour');
    expect(entryKind(hourEntry(id, 23, 12))).toBe('hour');
    expect(entryKind(OTHER_ENTRY)).toBe('other');
    expect(entryKind(SIZE_ATTRIBUTE)).toBe('size');
    expect(entryKind('Path')).toBe('key');
    expect(parseHourEntry(hourEntry(id, 23, 12))).toEqual({ id, hour: 23, spill: 12 });
  });

  test('a full item of the longest values of every kind stays within one write unit', () => {
    // Prepare: the longest site, the deepest Section, and entries of the largest value each kind may hold.
    const site = 'a'.repeat(253);
    const key = trieNodeKey(site, 'utm_campaign', '2026-03-08', 'f'.repeat(MAX_TRIE_DEPTH));
    const budget = nodeBudget(key);
    const item: Record<string, { N: string } | { S: string }> = { ...key };
    let used = 0;
    for (let i = 0; ; i++) {
      const name = valueEntry(`${'é'.repeat(45)}${i}`);
      const bytes = entryBytes(name, 'utm_campaign');
      if (used + bytes > budget) break;
      item[name] = { N: packPair(8_640_000_000n, 8_640_000_000n).toString() };
      used += bytes;
    }
    item[SIZE_ATTRIBUTE] = { N: String(used) };
    item[OTHER_ENTRY] = { N: packPair(9_999_999_999n, 9_999_999_999n).toString() };

    // Assess
    expect(budget).toBeGreaterThan(600);
    expect(itemBytes(item)).toBeLessThanOrEqual(NODE_TARGET_BYTES);
  });

  test('page hour entries at their largest stay within what the budget charges for them', () => {
    const id = valueHash('/x').id;
    const name = hourEntry(id, 5, 999);
    const biggest = packPageHour({
      views: 999_999n,
      visitors: 999_999n,
      engaged: 999_999n,
      durationSum: 999_999n * 7200n,
      scrollSum: 99_999_999n,
    });
    expect(itemBytes({ [name]: { N: biggest.toString() } })).toBeLessThanOrEqual(entryBytes(name, 'page'));
  });
});

describe('readTrieNode', () => {
  test('decodes markers, hour entries (spills summed), pairs and (other)', () => {
    // Prepare
    const id = valueHash('/a').id;
    const one = { ...zeroCounters(), views: 2n, visitors: 1n, engaged: 1n, durationSum: 30n, scrollSum: 50n };
    const page = {
      ...trieNodeKey('example.com', 'page', '2026-03-08', ''),
      [valueEntry('/a')]: { N: '0' },
      [hourEntry(id, 14)]: { N: packPageHour(one).toString() },
      [hourEntry(id, 14, 1)]: { N: packPageHour({ ...zeroCounters(), views: 1n }).toString() },
      [OTHER_ENTRY]: { N: packPair(5n, 4n).toString() },
      [SIZE_ATTRIBUTE]: { N: '100' },
    };
    const ref = {
      ...trieNodeKey('example.com', 'referrer', '2026-03-08', '3'),
      [valueEntry('google.com')]: { N: packPair(7n, 3n).toString() },
    };

    // Act
    const p = readTrieNode(page);
    const r = readTrieNode(ref);

    // Assess
    expect(p.errors).toEqual([]);
    expect(p.value?.values.get('/a')).toEqual({ views: 0, visitors: 0 });
    expect(p.value?.pageHours.get(id)?.get(14)).toEqual({ ...one, views: 3n });
    expect(p.value?.other).toEqual({ views: 5, visitors: 4 });
    expect(r.value?.values.get('google.com')).toEqual({ views: 7, visitors: 3 });
  });

  test('reports what it cannot decode and keeps the rest; a foreign item is an error, not a throw', () => {
    // Prepare
    const item = {
      ...trieNodeKey('example.com', 'referrer', '2026-03-08', ''),
      [valueEntry('ok.com')]: { N: packPair(1n, 1n).toString() },
      [valueEntry('bad.com')]: { S: 'x' },
      [valueEntry('neg.com')]: { N: '-1' },
      'weird name': { N: '1' },
    };

    // Act
    const r = readTrieNode(item);
    const foreign = readTrieNode({ Path: { S: 'site#x' }, Section: { N: '1' } } as never);

    // Assess
    expect(r.value?.values.get('ok.com')).toEqual({ views: 1, visitors: 1 });
    expect(r.value?.values.has('bad.com')).toBe(false);
    expect(r.errors.map((e) => e.path).sort()).toEqual([':bad.com', ':neg.com', 'weird name'].sort());
    expect(foreign.value).toBeUndefined();
    expect(foreign.errors).toHaveLength(1);
  });
});

describe('readTrieRows (the breakdown fast path)', () => {
  test('agrees with readTrieNode on any page item, including numbers past 2^53', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            path: fc.constantFrom('/a', '/b', '/c'),
            hour: fc.nat(23),
            spill: fc.nat(2),
            views: fc.bigInt(0n, 999_999n),
            engaged: fc.bigInt(0n, 999_999n),
          }),
          { maxLength: 20 },
        ),
        (entries) => {
          // Prepare
          const item: Record<string, { N: string } | { S: string }> = {
            ...trieNodeKey('example.com', 'page', '2026-03-08', 'a'),
          };
          for (const e of entries) {
            item[valueEntry(e.path)] = { N: '0' };
            const counters = {
              views: e.views,
              visitors: e.views / 2n,
              engaged: e.engaged,
              durationSum: e.engaged * 7000n,
              scrollSum: e.engaged * 99n,
            };
            item[hourEntry(valueHash(e.path).id, e.hour, e.spill)] = { N: packPageHour(counters).toString() };
          }

          // Act
          const fast = readTrieRows(item);
          const careful = readTrieNode(item);

          // Assess
          expect(fast.errors).toEqual([]);
          for (const [id, hours] of careful.value?.pageHours ?? []) {
            const views = [...hours.values()].reduce((n, c) => n + Number(c.views), 0);
            const visitors = [...hours.values()].reduce((n, c) => n + Number(c.visitors), 0);
            expect(fast.value?.pageViews.get(id)).toEqual({ views, visitors });
          }
          expect([...(fast.value?.values.keys() ?? [])].sort()).toEqual(
            [...(careful.value?.values.keys() ?? [])].sort(),
          );
        },
      ),
    );
  });

  test('still reports a malformed entry instead of counting it', () => {
    const item = {
      ...trieNodeKey('example.com', 'page', '2026-03-08', ''),
      il7asoJja: { N: '-5' },
      [valueEntry('/')]: { S: 'x' },
    };
    expect(
      readTrieRows(item)
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual([':/', 'il7asoJja']);
  });
});
