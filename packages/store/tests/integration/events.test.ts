// Custom events on DynamoDB Local: a view converts once per event name and prop, whatever the order, duplication
// and batching of its events, and a flood of distinct names and props keeps every item ≤ 1 KB with (other).
import {
  type AttributeValue,
  DynamoDBClient,
  ThrottlingException,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  itemBytes,
  NODE_TARGET_BYTES,
  OTHER_VALUE,
  type PairCount,
  parsePropValue,
  parseTrieSection,
  type RawEvent,
  readBotEvents,
  sectionOf,
  seriesKey,
  utcDayKey,
  ViewDelta,
} from '@footfall/core-model';
import { localClientConfig, sharedEndpoint } from '@footfall/dynamodb-local';
import { nextViewId, rawEvent } from '@footfall/testing';
import fc from 'fast-check';
import { aggregate, buildBreakdown, readDayCounts, type Table, TrieKnowledge } from '../../src';
import { allItems, freshTable } from '../helpers/table';
import { DAY_START } from '../helpers/views';

// A hang guard, not a speed check: the property runs ten workloads of up to 100 events through DynamoDB Local.
jest.setTimeout(600_000);

let table: Table & { cleanup: () => Promise<void> };
beforeAll(async () => {
  table = await freshTable();
});
afterAll(async () => {
  await table.cleanup();
});

let run = 0;
const DAY = utcDayKey(DAY_START);

/** Event or prop rows of a site's day: value → events (views) and conversions (visitors). */
async function rows(site: string, dimension: 'event' | 'prop'): Promise<Map<string, PairCount>> {
  const { counts, errors } = await readDayCounts(table, site, dimension, DAY, DAY);
  expect(errors).toEqual([]);
  const out = new Map<string, PairCount>();
  for (const r of buildBreakdown(counts, 'page', { limit: 1_000_000 }).rows)
    out.set(r.value, { views: r.views, visitors: r.visitors });
  return out;
}

/** What the rows must say, computed from the events without the layout (SPEC §4). */
function truth(events: readonly RawEvent[]) {
  const names = new Map<string, { events: number; views: Set<string> }>();
  const props = new Map<string, { events: number; views: Set<string> }>();
  const bump = (m: typeof names, key: string, owner: string) => {
    const cur = m.get(key) ?? { events: 0, views: new Set<string>() };
    cur.events++;
    cur.views.add(owner);
    m.set(key, cur);
  };
  for (const e of events) {
    if (e.bot) continue;
    const owner = e.view ?? e.id;
    bump(names, e.name, owner);
    for (const [k, v] of Object.entries(e.props)) bump(props, `${e.name}\u0001${k}\u0001${v}`, owner);
  }
  const asPairs = (m: typeof names) =>
    new Map([...m].map(([k, c]) => [k, { views: c.events, visitors: c.views.size }]));
  return { names: asPairs(names), props: asPairs(props) };
}

async function applyBatches(
  events: readonly RawEvent[],
  batchSize: number,
  writers: number,
  coldEvery: number,
) {
  const knowledge = Array.from({ length: writers }, () => new TrieKnowledge());
  for (let i = 0, b = 0; i < events.length; i += batchSize, b++) {
    const k = knowledge[b % writers] as TrieKnowledge;
    if (coldEvery > 0 && b % coldEvery === coldEvery - 1) k.forget();
    const delta = new ViewDelta();
    for (const e of events.slice(i, i + batchSize)) delta.addEvent(e);
    expect((await aggregate(table, delta, { knowledge: k, concurrency: 4 })).status).toBe('applied');
  }
}

describe('custom events on DynamoDB Local', () => {
  test('any order, duplication and batching of a view’s events converts it once per name and prop', async () => {
    const viewArb = fc.record({
      events: fc.array(
        fc.record({
          name: fc.constantFrom('signup', 'download', 'Outbound Link: Click'),
          plan: fc.option(fc.constantFrom('free', 'pro'), { nil: undefined }),
          hour: fc.nat(23),
          bot: fc.boolean().map((b) => b && Math.random() < 0.2),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      withView: fc.boolean().map((b) => b || Math.random() < 0.8),
    });
    await fc.assert(
      fc.asyncProperty(
        // Up to 25 views × 4 events: batches of 1 make each run a few hundred writes on DynamoDB Local.
        fc.array(viewArb, { minLength: 5, maxLength: 25 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 3 }),
        fc.nat(3),
        fc.infiniteStream(fc.nat(1_000_000)),
        async (views, batchSize, writers, coldEvery, order) => {
          // Prepare: each view's events (some repeated, same name), shuffled across views.
          run += 1;
          const site = `run${run}.example`;
          const events: RawEvent[] = [];
          for (const v of views) {
            const view = v.withView ? nextViewId() : undefined;
            for (const e of v.events)
              events.push(
                rawEvent({
                  site,
                  view,
                  name: e.name,
                  props: e.plan ? { plan: e.plan } : {},
                  time: DAY_START + e.hour * 3_600_000,
                  bot: e.bot,
                }),
              );
          }
          const it = order[Symbol.iterator]();
          for (let i = events.length - 1; i > 0; i--) {
            const j = (it.next().value as number) % (i + 1);
            [events[i], events[j]] = [events[j] as RawEvent, events[i] as RawEvent];
          }

          // Act
          await applyBatches(events, batchSize, writers, coldEvery);

          // Assess
          const want = truth(events);
          expect(await rows(site, 'event')).toEqual(want.names);
          expect(await rows(site, 'prop')).toEqual(want.props);
          const series = (await allItems(table)).find(
            (i) =>
              i.Path?.S === seriesKey(site, DAY).Path.S && i.Section?.S === seriesKey(site, DAY).Section.S,
          );
          const bots = events.filter((e) => e.bot).length;
          expect(series ? readBotEvents(series).value : 0).toBe(bots);
        },
      ),
      { numRuns: 10 },
    );
  });

  test('an event redelivered after its batch was undone converts on the retry', async () => {
    // Prepare: a batch written, then undone as a failed batch would be (every ADD negated), then retried.
    const site = 'retry.example';
    const view = nextViewId();
    const events = [rawEvent({ site, view }), rawEvent({ site, view })];
    const delta = () => {
      const d = new ViewDelta();
      for (const e of events) d.addEvent(e);
      return d;
    };
    await aggregate(table, delta());
    // What an undo of that first batch leaves: every entry in place at 0 (Sz and distinct counts stay).
    for (const item of (await allItems(table)).filter((i) => i.Path?.S === `site#${site}`)) {
      const counters = Object.keys(item).filter((n) => !['Path', 'Section', 'Sz', 'cev', 'cpr'].includes(n));
      if (counters.length === 0) continue;
      await table.dynamodb.send(
        new UpdateItemCommand({
          TableName: table.tableName,
          Key: { Path: item.Path as AttributeValue, Section: item.Section as AttributeValue },
          UpdateExpression: `SET ${counters.map((_, i) => `#a${i} = :zero`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(counters.map((n, i) => [`#a${i}`, n])),
          ExpressionAttributeValues: { ':zero': { N: '0' } },
        }),
      );
    }

    // Act
    await aggregate(table, delta());

    // Assess
    expect(await rows(site, 'event')).toEqual(new Map([['signup', { views: 2, visitors: 1 }]]));
  });

  test('a converting batch undone after another writer saw its registry entry converts on its retry', async () => {
    // Prepare: two events of one view, in two shards' batches. Writer A's batch lands its registry entry first and
    // then fails (as under throttling) only after writer B's batch has seen that entry and committed.
    const site = 'race.example';
    const view = nextViewId();
    const deltaOf = (e: RawEvent) => {
      const d = new ViewDelta();
      d.addEvent(e);
      return d;
    };
    const [a, b] = [rawEvent({ site, view }), rawEvent({ site, view })] as [RawEvent, RawEvent];
    const clientA = new DynamoDBClient(localClientConfig(await sharedEndpoint()));
    let bCommitted: () => void = () => undefined;
    const afterB = new Promise<void>((resolve) => {
      bCommitted = resolve;
    });
    let failing = true;
    clientA.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { Key?: { Section?: { S?: string } } };
        const registry = input.Key?.Section?.S?.startsWith('cv#') ?? false;
        if (failing && !registry && args.input && 'UpdateExpression' in (args.input as object)) {
          failing = false;
          await afterB;
          throw new ThrottlingException({ message: 'injected', $metadata: {} });
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const tableA = { ...table, dynamodb: clientA };
    try {
      // Act: A lands its registry entry and waits; B commits; A fails and undoes; A's batch is retried.
      const first = aggregate(tableA, deltaOf(a), { concurrency: 1 });
      await new Promise((r) => setTimeout(r, 200));
      expect((await aggregate(table, deltaOf(b))).status).toBe('applied');
      bCommitted();
      expect((await first).status).toBe('rolled-back');
      expect((await aggregate(tableA, deltaOf(a))).status).toBe('applied');

      // Assess: two events, one view converted.
      expect(await rows(site, 'event')).toEqual(new Map([['signup', { views: 2, visitors: 1 }]]));
    } finally {
      clientA.destroy();
    }
  });

  test('a flood of distinct names and props keeps every item ≤ 1 KB, with (other) past the cap', async () => {
    // Prepare: 1,200 events, each a new 64-byte name with 8 new props of 32-byte keys and 100-byte values.
    const site = 'flood.example';
    const events = Array.from({ length: 1_200 }, (_, i) =>
      rawEvent({
        site,
        name: `${i.toString(36).padStart(4, '0')}${'n'.repeat(60)}`,
        props: Object.fromEntries(
          Array.from({ length: 8 }, (_, k) => [
            `${k}${'k'.repeat(31)}`,
            `${i.toString(36).padStart(4, '0')}${'v'.repeat(96)}`,
          ]),
        ),
      }),
    );
    const caps = { event: 500, prop: 2_100 };

    // Act
    const knowledge = new TrieKnowledge();
    for (let i = 0; i < events.length; i += 300) {
      const delta = new ViewDelta();
      for (const e of events.slice(i, i + 300)) delta.addEvent(e);
      expect((await aggregate(table, delta, { knowledge, caps, concurrency: 8 })).status).toBe('applied');
    }

    // Assess
    const names = await rows(site, 'event');
    const props = await rows(site, 'prop');
    expect(names.size).toBe(501);
    expect(names.get(OTHER_VALUE)).toEqual({ views: 700, visitors: 700 });
    expect(props.size).toBe(2_101);
    const sum = (m: Map<string, PairCount>) => [...m.values()].reduce((n, p) => n + p.views, 0);
    expect([sum(names), sum(props)]).toEqual([1_200, 9_600]);
    for (const value of props.keys()) if (value !== OTHER_VALUE) expect(parsePropValue(value)).toBeDefined();
    const items = (await allItems(table)).filter((i) => i.Path?.S === `site#${site}`);
    const tries = items.filter((i) => parseTrieSection(sectionOf(i)));
    expect(tries.length).toBeGreaterThan(100);
    for (const item of items) expect(itemBytes(item)).toBeLessThanOrEqual(NODE_TARGET_BYTES);
  });
});
