// Routing one value: its home item, the first item with room below, a split when nothing can take it all, the cap.
import {
  entryBytes,
  hourEntry,
  type Key,
  packPageHour,
  packPair,
  trieNodeKey,
  valueEntry,
  valueHash,
  zeroCounters,
} from '@footfall/core-model';
import {
  type NodeView,
  nodeAt,
  type RouteResult,
  routeValue,
  valueGroup,
} from '../../src/aggregates/routeValue';

const SITE = 'example.com';
const DAY = '2026-03-08';

const absent: NodeView = { exists: false, names: new Set(), hot: new Set(), free: 900, empty: true };
const withNames = (names: string[], free: number, hot: string[] = []): NodeView => ({
  exists: true,
  names: new Set(names),
  hot: new Set(hot),
  free,
  empty: false,
});

function page(path: string, hours: number[] = [14]) {
  const counters = { ...zeroCounters(), views: 1n, visitors: 1n };
  return valueGroup(
    SITE,
    DAY,
    'page',
    path,
    valueHash(path),
    hours.map((hour) => ({ hour, delta: packPageHour(counters) })),
    BigInt(hours.length),
    BigInt(hours.length),
  );
}

function referrer(host: string) {
  return valueGroup(SITE, DAY, 'referrer', host, valueHash(host), [{ delta: packPair(1n, 1n) }], 1n, 1n);
}

/** Routes with a table of views by depth along the value's path; depths not listed are unknown. */
function route(
  group: ReturnType<typeof page>,
  depths: (NodeView | undefined)[],
  capped = false,
): RouteResult {
  const byKey = new Map<string, NodeView>();
  depths.forEach((v, d) => {
    if (v) byKey.set(nodeAt(group, d).Section.S, v);
  });
  return routeValue(group, { view: (k: Key) => byKey.get(k.Section.S), capped: () => capped });
}

describe('routeValue', () => {
  test('a new value goes to the root while the root has room, with its marker', () => {
    // Act
    const r = route(page('/a'), [absent]);

    // Assess
    expect(r.kind).toBe('placed');
    if (r.kind !== 'placed') return;
    expect(r.isNew).toBe(true);
    expect(r.parts).toHaveLength(1);
    const [part] = r.parts;
    expect(part?.key).toEqual(trieNodeKey(SITE, 'page', DAY, ''));
    expect(part?.placesMarker).toBe(true);
    expect([...(part?.adds.keys() ?? [])].sort()).toEqual(
      [valueEntry('/a'), hourEntry(valueHash('/a').id, 14)].sort(),
    );
    expect(part?.bytes).toBe(
      entryBytes(valueEntry('/a'), 'page') + entryBytes(hourEntry(valueHash('/a').id, 14), 'page'),
    );
  });

  test('a new value passes full items down its path to the first with room', () => {
    const r = route(page('/a'), [withNames(['x'], 10), withNames(['y'], 20), absent]);
    expect(r.kind === 'placed' && r.parts.map((p) => p.depth)).toEqual([2]);
  });

  test('an item that must be read first is asked for, not guessed', () => {
    const r = route(page('/a'), [withNames(['x'], 10)]);
    expect(r).toEqual({ kind: 'need', keys: [nodeAt(page('/a'), 1)] });
  });

  test('a known value stays where its marker is when its entries fit, even below a full root', () => {
    // Prepare
    const g = page('/a');
    const hour = hourEntry(g.hash.id, 14);

    // Act: the marker and the hour entry are at depth 1; the root is full.
    const r = route(g, [withNames(['x'], 0), withNames([valueEntry('/a'), hour], 0)]);

    // Assess: nothing new to store, so no room is needed.
    expect(r.kind === 'placed' && r.parts.map((p) => [p.depth, p.bytes, p.placesMarker])).toEqual([
      [1, 0, false],
    ]);
    expect(r.kind === 'placed' && r.isNew).toBe(false);
  });

  test("a known page's new hour goes below its full home, without a second marker", () => {
    // Prepare
    const g = page('/a', [15]);

    // Act
    const r = route(g, [withNames([valueEntry('/a')], 5), absent]);

    // Assess
    expect(r.kind).toBe('placed');
    if (r.kind !== 'placed') return;
    expect(r.parts.map((p) => p.depth)).toEqual([1]);
    expect([...(r.parts[0]?.adds.keys() ?? [])]).toEqual([hourEntry(g.hash.id, 15)]);
  });

  test('a new value past the cap goes to (other); a known one still counts exactly', () => {
    expect(route(referrer('new.example'), [absent], true)).toEqual({ kind: 'other' });
    const known = route(referrer('old.example'), [withNames([valueEntry('old.example')], 0)], true);
    expect(known.kind).toBe('placed');
  });

  test('a hot hour entry sends new counts to its next spill entry', () => {
    // Prepare
    const g = page('/a');
    const hot = hourEntry(g.hash.id, 14);

    // Act
    const r = route(g, [withNames([valueEntry('/a'), hot], 500, [hot])]);

    // Assess
    expect(r.kind === 'placed' && [...(r.parts[0]?.adds.keys() ?? [])]).toEqual([
      hourEntry(g.hash.id, 14, 1),
    ]);
  });

  test('a value too big for one empty item is split down its path, marker first', () => {
    // Prepare: a 512-byte path seen in all 24 hours of one batch (a replayed backlog).
    const path = `/${'€'.repeat(170)}x`;
    const g = page(
      path,
      Array.from({ length: 24 }, (_, h) => h),
    );
    const empty = (): NodeView => ({ ...absent, free: 700 });

    // Act
    const r = route(g, Array.from({ length: 8 }, empty));

    // Assess
    expect(r.kind).toBe('placed');
    if (r.kind !== 'placed') return;
    expect(r.parts.length).toBeGreaterThan(1);
    expect(r.parts[0]?.placesMarker).toBe(true);
    for (const p of r.parts) expect(p.bytes).toBeLessThanOrEqual(700);
    expect(r.parts.reduce((n, p) => n + p.entries.length, 0)).toBe(24);
  });
});
