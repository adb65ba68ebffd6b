// Writes a batch's aggregate delta all-or-nothing: custom events' conversion registry first (it says which
// conversions are new), then values routed into their tries, the day's series, technology and (other) counters; a
// refused write is set aside as a dead letter, a transient fault undoes all.
import {
  BatchGetItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  counterUpdate,
  type DayDelta,
  DISTINCT_CAP,
  deadLetterId,
  deadLetterKey,
  distinctAttribute,
  encodeDeadLetter,
  type Item,
  isHourly,
  type Key,
  keyId,
  keyParts,
  MAX_ADDS_PER_UPDATE,
  type MinuteDelta,
  nodeBudget,
  OTHER_ENTRY,
  packPageHour,
  packPair,
  REALTIME_KEEP_SECONDS,
  realtimeKey,
  realtimeUpdate,
  releasedClaimsUpdate,
  routingText,
  SIZE_ATTRIBUTE,
  seriesKey,
  type TrieDimension,
  techKey,
  trieNodeKey,
  trieNodeUpdate,
  type ViewDelta,
  valueHash,
} from '@footfall/core-model';
import { describeError } from '../awsErrors';
import { runBounded } from '../runBounded';
import { planRealtime } from './realtimeWrite';
import { type NodeView, type RoutedPart, routeValue, type ValueGroup, valueGroup } from './routeValue';
import type { TrieKnowledge } from './TrieKnowledge';
import { type LedgerStats, type Unreverted, WriteLedger } from './WriteLedger';

/** What applyViewDelta needs from the invocation around it. */
export interface AggregateWriteContext {
  dynamodb: DynamoDBClient;
  tableName: string;
  /** The container's knowledge of trie items (kept across invocations). */
  knowledge: TrieKnowledge;
  /** Most calls in flight at once. */
  concurrency: number;
  /** True once the invocation is too close to its deadline to start another forward write. */
  nearDeadline: () => boolean;
  /** Remaining invocation time; undo keeps retrying until this drops below `undoFloorMs`. */
  remainingMs: () => number;
  undoRounds: number;
  undoFloorMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** Distinct values per day that get their own counts (core-model's DISTINCT_CAP; tests lower it). */
  caps?: Partial<Record<TrieDimension, number>>;
}

/** A stream record that could not be decoded, to keep as a dead letter. */
export interface PoisonRecord {
  sequenceNumber?: string | undefined;
  error: string;
  record: unknown;
}

/** A write set aside as a dead letter (for the log line). */
export interface SetAside {
  id: string;
  target: string;
  error: string;
}

/** Counts for the invocation's metrics line. */
export interface AggregateStats extends LedgerStats {
  /** Write calls the batch needed. */
  planned: number;
  /** Read units of the trie items and series read to route (a warm writer reads almost nothing). */
  readUnits: number;
  /** Distinct values placed for the first time. */
  newValues: number;
  /** New values counted in `(other)` because their day had reached the cap. */
  cappedValues: number;
  /** Dead letters written (refused updates and unreadable records). */
  deadLettered: number;
  /** Conversions counted (registry entries placed for the first time). */
  conversions: number;
}

export type AggregateOutcome =
  | { status: 'applied'; stats: AggregateStats; setAside: SetAside[] }
  | { status: 'rolled-back'; reason: 'write-failed' | 'deadline'; cause?: unknown; stats: AggregateStats }
  | {
      status: 'double-fault';
      reason: 'write-failed' | 'deadline';
      cause?: unknown;
      stats: AggregateStats;
      unreverted: Unreverted[];
    };

/** Routing rounds before a batch gives up and asks to be retried (each round re-routes what raced). */
const MAX_ROUNDS = 8;
/** Read rounds within one routing round (one per trie level a value walks down). */
const MAX_READ_ROUNDS = 20;

/** Stops the batch: a transient fault, or the deadline. */
class Stop {
  constructor(
    readonly reason: 'write-failed' | 'deadline',
    readonly cause?: unknown,
  ) {}
}

const dayId = (site: string, day: string) => `${site}\u0000${day}`;
const capId = (site: string, day: string, dimension: TrieDimension) =>
  `${site}\u0000${day}\u0000${dimension}`;

/**
 * The trie groups of a batch: one per (site, day, dimension, value); the conversion registry's alone (`registry`),
 * or every other dimension's.
 */
function groupsOf(days: readonly DayDelta[], registry: boolean): ValueGroup[] {
  const groups: ValueGroup[] = [];
  for (const d of days)
    for (const [dimension, values] of d.values) {
      if ((dimension === 'conversion') !== registry) continue;
      for (const [value, v] of values) {
        const hash = valueHash(routingText(dimension, value));
        if (dimension === 'conversion') {
          // A registry entry counts the (view, name[, prop]) events seen; nothing of it goes to (other).
          groups.push(valueGroup(d.site, d.day, dimension, value, hash, [{ delta: v.views }], 0n, 0n));
        } else if (isHourly(dimension)) {
          let views = 0n;
          let visitors = 0n;
          const entries = [...v.hours].map(([hour, c]) => {
            views += c.views;
            visitors += c.visitors;
            return { hour, delta: packPageHour(c) };
          });
          groups.push(valueGroup(d.site, d.day, dimension, value, hash, entries, views, visitors));
        } else {
          const entries = [{ delta: packPair(v.views, v.visitors) }];
          groups.push(valueGroup(d.site, d.day, dimension, value, hash, entries, v.views, v.visitors));
        }
      }
    }
  return groups;
}

/**
 * Adds the conversions the registry found new to the event names' hour entries and prop values' pairs they stand
 * for (SPEC §4: a view converts once per goal, whatever order or batching its events came in).
 */
function addConversions(days: readonly DayDelta[], converted: ReadonlySet<string>): number {
  let n = 0;
  for (const d of days)
    for (const [entry, target] of d.conversions) {
      if (!converted.has(registryId(d.site, d.day, entry))) continue;
      const v = d.values.get(target.dimension)?.get(target.value);
      if (!v) continue;
      n++;
      if (target.dimension === 'prop') v.visitors += 1n;
      else {
        const hour = v.hours.get(target.hour);
        if (hour) hour.visitors += 1n;
      }
    }
  return n;
}

const registryId = (site: string, day: string, entry: string) => `${site}\u0000${day}\u0000${entry}`;

/** True when a registry entry is free to claim: absent, or released to 0 by an undo. */
const isUnclaimed = (old: Item | undefined, marker: string): boolean => {
  const before = old?.[marker]?.N;
  return before === undefined || before === '0';
};

/** True for a write to a conversion registry item (its parts are all registry entries). */
const isRegistry = (p: { parts: readonly { group: ValueGroup }[] }): boolean =>
  p.parts.some(({ group }) => group.dimension === 'conversion');

/** What this round already planned for one trie item. */
interface PendingNode {
  key: Key;
  budget: number;
  bytes: number;
  adds: Map<string, bigint>;
  /** Groups with a part here, and that part. */
  parts: { group: ValueGroup; part: RoutedPart }[];
}

/**
 * Applies a batch's delta. Trie values are routed and written first (re-routed when an item filled up
 * meanwhile), then each day's series (with its new distinct counts), technology and `(other)` counters, then
 * the dead letters of unreadable records. Any transient failure, or the deadline, stops new writes and undoes
 * the landed ones; a write DynamoDB refuses for good is kept as a dead letter and the rest goes on.
 * @example const outcome = await applyViewDelta(delta, poison, ctx); if (outcome.status !== 'applied') retry();
 */
export async function applyViewDelta(
  delta: ViewDelta,
  poison: readonly PoisonRecord[],
  ctx: AggregateWriteContext,
): Promise<AggregateOutcome> {
  const ledger = new WriteLedger(ctx);
  const stats: AggregateStats = Object.assign(ledger.stats, {
    planned: 0,
    readUnits: 0,
    newValues: 0,
    cappedValues: 0,
    deadLettered: 0,
    conversions: 0,
  });
  const setAside: SetAside[] = [];
  const now = ctx.now;
  const days = delta.days();

  /** Keeps a refused write as a dead letter; a dead letter that cannot be written stops the batch. */
  const deadLetter = async (
    letter: { target?: Key; adds?: ReadonlyMap<string, bigint>; record?: unknown; source?: string },
    error: string,
  ): Promise<void> => {
    const at = now();
    const id = deadLetterId(at, `${letter.source ?? 'batch'}#${Math.random().toString(36).slice(2, 10)}`);
    const item = encodeDeadLetter({
      id,
      kind: letter.target ? 'update' : 'record',
      at,
      error,
      source: letter.source,
      target: letter.target ? keyParts(letter.target) : undefined,
      adds: letter.adds ? Object.fromEntries(letter.adds) : undefined,
      record: letter.record === undefined ? undefined : safeJson(letter.record),
    });
    let r = await ledger.put(deadLetterKey(id), item);
    if (r.kind === 'permanent') {
      // DynamoDB refuses the dead letter itself (its content): keep what can be kept, so the letter is listed and
      // the shard moves on, and say what was lost in the log line that lists it.
      const reason = describeError(r.error);
      r = await ledger.put(
        deadLetterKey(id),
        encodeDeadLetter({
          id,
          kind: letter.target ? 'update' : 'record',
          at,
          error: `${error} (the dead letter's content could not be stored: ${reason})`,
          source: letter.source,
          target: letter.target ? keyParts(letter.target) : undefined,
        }),
      );
      if (r.kind === 'permanent') {
        setAside.push({ id, target: 'not stored', error: `${error}; dead letter refused: ${reason}` });
        return;
      }
    }
    if (r.kind !== 'ok') throw new Stop('write-failed', r.kind === 'condition' ? undefined : r.error);
    stats.deadLettered++;
    setAside.push({
      id,
      target: letter.target ? Object.values(keyParts(letter.target)).join(' ') : 'record',
      error,
    });
  };

  /** Runs writes with bounded concurrency; stops starting new ones at the deadline or after a failure. */
  let stop: Stop | undefined;
  const runWrites = async <T>(tasks: readonly T[], run: (task: T) => Promise<void>) => {
    stats.planned += tasks.length;
    await runBounded(
      tasks,
      ctx.concurrency,
      () => {
        if (stop === undefined && ctx.nearDeadline()) stop = new Stop('deadline');
        return stop === undefined;
      },
      async (task) => {
        try {
          await run(task);
        } catch (e) {
          if (stop === undefined || stop.reason === 'deadline')
            stop = e instanceof Stop ? e : new Stop('write-failed', e);
        }
      },
    );
    if (stop) throw stop;
  };

  try {
    // Distinct counts of the days that may place new values: the cap is checked against them.
    const newCounts = new Map<string, number>();
    const countsOf = async (site: string, day: string) => {
      let counts = ctx.knowledge.distinctCounts(site, day, now());
      if (!counts) {
        const out = await ctx.dynamodb.send(
          new GetItemCommand({
            TableName: ctx.tableName,
            Key: seriesKey(site, day),
            ConsistentRead: true,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        stats.readUnits += out.ConsumedCapacity?.CapacityUnits ?? 0;
        ctx.knowledge.learnCounts(site, day, out.Item, now());
        counts = ctx.knowledge.distinctCounts(site, day, now()) ?? new Map();
      }
      return counts;
    };
    const knownCounts = new Map<string, Map<TrieDimension, number>>();
    for (const d of days)
      if (d.values.size > 0) knownCounts.set(dayId(d.site, d.day), await countsOf(d.site, d.day));

    const others = new Map<string, { key: Key; views: bigint; visitors: bigint }>();
    const toOther = (g: ValueGroup) => {
      const id = capId(g.site, g.day, g.dimension);
      const o = others.get(id) ?? {
        key: trieNodeKey(g.site, g.dimension, g.day, ''),
        views: 0n,
        visitors: 0n,
      };
      o.views += g.views;
      o.visitors += g.visitors;
      others.set(id, o);
    };

    // Round 0 sends every write of the batch at once: the trie items, each day's series (with the distinct values
    // it places: routing already knows which are new), technology and (other) items, and the dead letters of
    // unreadable records. A trie item that filled up meanwhile sends its values round again (later rounds).
    type Write = () => Promise<void>;
    const trieWrite =
      (p: PendingNode): Write =>
      async () => {
        if (p.adds.size > MAX_ADDS_PER_UPDATE)
          throw new Error(`${p.adds.size} entries planned for one trie item`);
        const input = trieNodeUpdate(ctx.tableName, p.key, p.adds, p.bytes, p.budget);
        const written = new Map(p.adds);
        if (p.bytes > 0) written.set(SIZE_ATTRIBUTE, BigInt(p.bytes));
        // A registry entry that held nothing before this write (absent, or 0 after an undo) is claimed by it: a new
        // conversion, and the only entry its undo touches (releasedClaimsUpdate says why).
        const claimedBy = (old: Item | undefined) =>
          p.parts.filter(({ group }) => group.dimension === 'conversion' && isUnclaimed(old, group.marker));
        const r = await ledger.update(
          input,
          written,
          isRegistry(p)
            ? (out) =>
                releasedClaimsUpdate(
                  ctx.tableName,
                  p.key,
                  claimedBy(out.Attributes).map(({ group }) => group.marker),
                )
            : undefined,
        );
        if (r.kind === 'ok') {
          ctx.knowledge.learnWrite(p.key, r.output.Attributes, p.adds, p.bytes, now());
          for (const { group } of claimedBy(r.output.Attributes))
            converted.add(registryId(group.site, group.day, group.value));
          return;
        }
        if (r.kind === 'condition') {
          ctx.knowledge.learnItem(p.key, r.item, now());
          for (const { group, part } of p.parts) unrouted.push({ ...group, entries: part.entries });
          return;
        }
        if (r.kind === 'permanent') {
          await deadLetter({ target: p.key, adds: written }, describeError(r.error));
          return;
        }
        throw new Stop('write-failed', r.error);
      };
    const counterWrite =
      (input: UpdateItemCommandInput, adds: Map<string, bigint>, series?: DayDelta): Write =>
      async () => {
        const r = await ledger.update(input, adds);
        if (r.kind === 'ok') {
          if (series) ctx.knowledge.learnCounts(series.site, series.day, r.output.Attributes, now());
          return;
        }
        if (r.kind === 'permanent' || r.kind === 'condition') {
          await deadLetter(
            { target: input.Key as Key, adds },
            describeError(r.kind === 'permanent' ? r.error : 'condition'),
          );
          return;
        }
        throw new Stop('write-failed', r.error);
      };
    const otherWrites = (): Write[] => {
      const writes: Write[] = [];
      for (const o of others.values()) {
        const adds = new Map([[OTHER_ENTRY, packPair(o.views, o.visitors)]]);
        if (o.views !== 0n || o.visitors !== 0n)
          writes.push(counterWrite(counterUpdate(ctx.tableName, o.key, adds), adds));
      }
      others.clear();
      return writes;
    };

    // A realtime minute item: planned from what is known of it (nothing: treated as empty), and planned again
    // from the item a refused write returns; the third try names no value, which always fits.
    const realtimeWriteFor =
      (m: MinuteDelta): Write =>
      async () => {
        const key = realtimeKey(m.site, m.minute);
        const expiresAt = Math.floor(Date.parse(`${m.minute}:00Z`) / 1000) + REALTIME_KEEP_SECONDS;
        for (let attempt = 0; attempt < 3; attempt++) {
          const plan = planRealtime(m, key, ctx.knowledge.node(key, now()), attempt === 2);
          const written = new Map(plan.adds);
          if (plan.bytes > 0) written.set(SIZE_ATTRIBUTE, BigInt(plan.bytes));
          const r = await ledger.update(
            realtimeUpdate(ctx.tableName, key, plan.adds, plan.bytes, expiresAt),
            written,
          );
          if (r.kind === 'ok') {
            ctx.knowledge.learnWrite(key, r.output.Attributes, plan.adds, plan.bytes, now());
            return;
          }
          if (r.kind === 'condition') {
            ctx.knowledge.learnItem(key, r.item, now());
            continue;
          }
          if (r.kind === 'permanent') {
            await deadLetter({ target: key, adds: written }, describeError(r.error));
            return;
          }
          throw new Stop('write-failed', r.error);
        }
      };

    const converted = new Set<string>();
    let unrouted: ValueGroup[] = [];
    const counted = new Set<ValueGroup>();
    /** Routes and writes `groups` in rounds; `firstRound` adds the writes that go with the first one. */
    const place = async (groups: ValueGroup[], firstRound: () => Write[]) => {
      unrouted = groups;
      for (let round = 0; round === 0 || unrouted.length > 0; round++) {
        if (round >= MAX_ROUNDS)
          throw new Stop('write-failed', new Error('trie items kept filling up under this batch'));
        const pending = new Map<string, PendingNode>();
        const view = (key: Key): NodeView | undefined => {
          const known = ctx.knowledge.node(key, now());
          if (!known) return undefined;
          const p = pending.get(keyId(key));
          const budget = p?.budget ?? nodeBudget(key);
          if (!p) return { ...known, free: budget - known.size, empty: !known.exists };
          const names = new Set(known.names);
          for (const name of p.adds.keys()) names.add(name);
          return { exists: true, names, hot: known.hot, free: budget - known.size - p.bytes, empty: false };
        };
        const capped = (g: ValueGroup) => {
          const id = capId(g.site, g.day, g.dimension);
          const known = knownCounts.get(dayId(g.site, g.day))?.get(g.dimension) ?? 0;
          return known + (newCounts.get(id) ?? 0) >= (ctx.caps?.[g.dimension] ?? DISTINCT_CAP[g.dimension]);
        };

        let toRoute = unrouted;
        unrouted = [];
        for (let reads = 0; toRoute.length > 0; reads++) {
          if (reads >= MAX_READ_ROUNDS)
            throw new Stop('write-failed', new Error('trie path deeper than expected'));
          const need = new Map<string, Key>();
          const later: ValueGroup[] = [];
          for (const g of toRoute) {
            const r = routeValue(g, { view, capped });
            if (r.kind === 'need') {
              for (const k of r.keys) need.set(keyId(k), k);
              later.push(g);
            } else if (r.kind === 'other' || r.kind === 'overflow') {
              // A registry entry that fits nowhere (16 levels of full items) converts nothing.
              if (g.dimension === 'conversion') continue;
              stats.cappedValues++;
              toOther(g);
            } else {
              // A value routed again after a full item was counted the first time.
              const base = g.counted ?? g;
              if (r.isNew && !counted.has(base) && g.dimension !== 'conversion') {
                counted.add(base);
                const id = capId(g.site, g.day, g.dimension);
                newCounts.set(id, (newCounts.get(id) ?? 0) + 1);
              }
              for (const part of r.parts) {
                const id = keyId(part.key);
                let p = pending.get(id);
                if (!p) {
                  p = { key: part.key, budget: nodeBudget(part.key), bytes: 0, adds: new Map(), parts: [] };
                  pending.set(id, p);
                }
                p.bytes += part.bytes;
                for (const [name, d] of part.adds) p.adds.set(name, (p.adds.get(name) ?? 0n) + d);
                p.parts.push({ group: { ...g, counted: base }, part });
              }
            }
          }
          if (need.size > 0) stats.readUnits += await readNodes(ctx, [...need.values()]);
          toRoute = later;
        }

        const writes: Write[] = [...pending.values()].map(trieWrite);
        if (round === 0) writes.push(...firstRound());
        writes.push(...otherWrites());
        await runWrites(writes, (w) => w());
      }
    };

    // The registry first: only its writes can say which conversions are new. Batches without events skip it.
    const registry = groupsOf(days, true);
    if (registry.length > 0) {
      await place(registry, () => []);
      stats.conversions = addConversions(days, converted);
    }
    await place(groupsOf(days, false), () => {
      const writes: Write[] = [];
      for (const d of days) {
        const series = new Map(d.series);
        for (const dimension of d.values.keys()) {
          const n = newCounts.get(capId(d.site, d.day, dimension)) ?? 0;
          if (n !== 0) series.set(distinctAttribute(dimension), BigInt(n));
        }
        for (const adds of chunks(series)) {
          const input = counterUpdate(ctx.tableName, seriesKey(d.site, d.day), adds);
          input.ReturnValues = 'ALL_NEW';
          writes.push(counterWrite(input, adds, d));
        }
        for (const adds of chunks(d.tech))
          writes.push(counterWrite(counterUpdate(ctx.tableName, techKey(d.site, d.day), adds), adds));
      }
      for (const m of delta.minutes()) writes.push(realtimeWriteFor(m));
      // Unreadable records are kept too, so an operator can see them (and replay them if a fix makes them
      // readable).
      for (const p of poison)
        writes.push(() => deadLetter({ record: p.record, source: p.sequenceNumber }, p.error));
      return writes;
    });

    for (const n of newCounts.values()) stats.newValues += n;
    return { status: 'applied', stats, setAside };
  } catch (e) {
    const s = e instanceof Stop ? e : new Stop('write-failed', e);
    const unreverted = await ledger.undoAll();
    const base = { reason: s.reason, ...(s.cause === undefined ? {} : { cause: s.cause }), stats };
    if (unreverted.length === 0) return { status: 'rolled-back', ...base };
    return { status: 'double-fault', ...base, unreverted };
  }
}

/** Splits a wide change into updates of at most MAX_ADDS_PER_UPDATE attributes. */
function chunks(adds: ReadonlyMap<string, bigint>): Map<string, bigint>[] {
  const all = [...adds].filter(([, d]) => d !== 0n);
  const out: Map<string, bigint>[] = [];
  for (let i = 0; i < all.length; i += MAX_ADDS_PER_UPDATE)
    out.push(new Map(all.slice(i, i + MAX_ADDS_PER_UPDATE)));
  return out;
}

/** JSON of any value (bigints as strings), or a note when it cannot be serialised. */
function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'undefined';
  } catch (e) {
    return `unserialisable: ${describeError(e)}`;
  }
}

/** Reads trie items (strongly consistent, 100 keys per call) into the knowledge; returns the read units. */
async function readNodes(ctx: AggregateWriteContext, keys: readonly Key[]): Promise<number> {
  let units = 0;
  for (let i = 0; i < keys.length; i += 100) {
    let batch: Key[] = keys.slice(i, i + 100);
    const found = new Map<string, Item>();
    for (let attempt = 0; batch.length > 0; attempt++) {
      if (attempt >= 6) throw new Stop('write-failed', new Error('BatchGetItem left keys unprocessed'));
      if (attempt > 0) await ctx.sleep(Math.random() * Math.min(1000, 50 * 2 ** attempt));
      const out = await ctx.dynamodb.send(
        new BatchGetItemCommand({
          RequestItems: { [ctx.tableName]: { Keys: batch, ConsistentRead: true } },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      for (const c of out.ConsumedCapacity ?? []) units += c.CapacityUnits ?? 0;
      for (const item of out.Responses?.[ctx.tableName] ?? []) found.set(keyId(item as Key), item);
      batch = (out.UnprocessedKeys?.[ctx.tableName]?.Keys ?? []) as Key[];
    }
    const t = ctx.now();
    for (const key of keys.slice(i, i + 100)) ctx.knowledge.learnItem(key, found.get(keyId(key)), t);
  }
  return units;
}
