// Goal reports: events, conversions and rate per goal over UTC days, evaluated at read time from the event and
// page tries (so a goal added later applies to history too), its conversions over time, and a CSV of them.
import {
  type DecodeError,
  type Goal,
  type GoalRow,
  HOUR_MS,
  type HourCounters,
  type Item,
  pathMatches,
  readTrieNode,
  trieRange,
  utcDayKey,
  valueHash,
} from '@footfall/core-model';
import type { Table } from '../table';
import { type DayCounts, readDayCounts } from './breakdown';
import { csvField } from './exportCsv';
import { queryItems } from './queryItems';
import { readSiteHours, readValueHours } from './timeseries';

/** Events and conversions of one goal on one day (for a page goal both are the matching views). */
export interface GoalCounts {
  events: number;
  conversions: number;
}

/** Per goal id and UTC day its counts; per day the site's views (the rate's denominator). */
export interface GoalDays {
  perGoal: Map<string, Map<string, GoalCounts>>;
  views: Map<string, number>;
  readUnits: number;
  errors: DecodeError[];
}

/**
 * Reads what the goals of a site counted over UTC days: the event trie once if any goal is an event, the page
 * trie once if any is a page pattern, and the series for the views. Pages past a day's cap are in `(other)` and
 * match no pattern.
 * @example const days = await readGoalDays(table, 'example.com', goals, '2026-03-01', '2026-03-31');
 */
export async function readGoalDays(
  table: Table,
  site: string,
  goals: readonly Goal[],
  fromDay: string,
  toDay: string,
): Promise<GoalDays> {
  const errors: DecodeError[] = [];
  let readUnits = 0;
  const read = async (dimension: 'event' | 'page'): Promise<Map<string, DayCounts>> => {
    if (!goals.some((g) => g.kind === dimension)) return new Map();
    const r = await readDayCounts(table, site, dimension, fromDay, toDay);
    readUnits += r.readUnits;
    errors.push(...r.errors);
    return r.counts;
  };
  const [events, pages, site_] = await Promise.all([
    read('event'),
    read('page'),
    readSiteHours(table, site, [fromDay, toDay]),
  ]);
  readUnits += site_.readUnits;
  errors.push(...site_.errors);
  const views = new Map<string, number>();
  for (const [hour, c] of site_.hours)
    views.set(utcDayKey(hour), (views.get(utcDayKey(hour)) ?? 0) + c.views);

  const perGoal = new Map<string, Map<string, GoalCounts>>();
  for (const g of goals) {
    const days = new Map<string, GoalCounts>();
    if (g.kind === 'event')
      for (const [day, d] of events) {
        const p = d.values.get(g.match);
        if (p) days.set(day, { events: p.views, conversions: p.visitors });
      }
    else
      for (const [day, d] of pages) {
        let n = 0;
        for (const [path, p] of d.values) if (pathMatches(g.match, path)) n += p.views;
        if (n > 0) days.set(day, { events: n, conversions: n });
      }
    perGoal.set(g.id, days);
  }
  return { perGoal, views, readUnits, errors };
}

/** Conversions ÷ views, to four decimals (0 when there were no views). */
export const conversionRate = (conversions: number, views: number): number =>
  views > 0 ? Math.round((conversions / views) * 10_000) / 10_000 : 0;

/**
 * One row per goal: its events, conversions and rate over the whole range.
 * @example goalRows(goals, await readGoalDays(table, site, goals, from, to))
 */
export function goalRows(goals: readonly Goal[], days: GoalDays): GoalRow[] {
  let views = 0;
  for (const n of days.views.values()) views += n;
  return goals.map((g) => {
    let events = 0;
    let conversions = 0;
    for (const c of days.perGoal.get(g.id)?.values() ?? []) {
      events += c.events;
      conversions += c.conversions;
    }
    return {
      id: g.id,
      kind: g.kind,
      match: g.match,
      events,
      conversions,
      rate: conversionRate(conversions, views),
    };
  });
}

/** The columns of the goals CSV. */
export const GOAL_EXPORT_COLUMNS = [
  'date',
  'goal',
  'kind',
  'match',
  'events',
  'conversions',
  'views',
  'rate',
];

/**
 * The goals CSV: one row per day of the range and goal (days without views or conversions included, so a
 * spreadsheet sees every day), fields guarded against formula injection.
 * @example goalsCsv(goals, days, ['2026-03-01', '2026-03-02'])
 */
export function goalsCsv(goals: readonly Goal[], days: GoalDays, dayKeys: readonly string[]): string {
  const lines = [GOAL_EXPORT_COLUMNS.join(',')];
  for (const day of dayKeys) {
    const views = days.views.get(day) ?? 0;
    for (const g of goals) {
      const c = days.perGoal.get(g.id)?.get(day) ?? { events: 0, conversions: 0 };
      lines.push(
        [day, g.id, g.kind, g.match, c.events, c.conversions, views, conversionRate(c.conversions, views)]
          .map((f) => csvField(String(f)))
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A goal's events and conversions per UTC hour start. */
export interface GoalHours {
  hours: Map<number, HourCounters>;
  readUnits: number;
  errors: DecodeError[];
}

/**
 * A goal's hourly counters over UTC days, as a timeseries reads them (`views` = conversions, `visitors` =
 * events): an event goal along its name's hash path, an exact page along its path, a pattern over the whole page
 * trie of those days.
 * @example const { hours } = await readGoalHours(table, site, goal, days);
 */
export async function readGoalHours(
  table: Table,
  site: string,
  goal: Goal,
  days: readonly string[],
): Promise<GoalHours> {
  if (goal.kind === 'event' || !goal.match.includes('*')) {
    const r = await readValueHours(table, site, goal.kind, goal.match, days);
    for (const c of r.hours.values()) {
      const events = c.views;
      c.views = goal.kind === 'event' ? c.visitors : c.views;
      c.visitors = events;
    }
    return r;
  }
  const hours = new Map<number, HourCounters>();
  const errors: DecodeError[] = [];
  if (days.length === 0) return { hours, readUnits: 0, errors };
  const { items, readUnits } = await queryItems(
    table,
    trieRange(site, 'page', days[0] ?? '', days[days.length - 1] ?? ''),
  );
  const matching = new Map<string, Set<string>>();
  const nodes: { day: string; item: Item }[] = [];
  for (const item of items) {
    const node = readTrieNode(item);
    errors.push(...node.errors);
    if (!node.value) continue;
    const ids = matching.get(node.value.day) ?? new Set<string>();
    for (const path of node.value.values.keys())
      if (pathMatches(goal.match, path)) ids.add(valueHash(path).id);
    matching.set(node.value.day, ids);
    nodes.push({ day: node.value.day, item });
  }
  for (const { day, item } of nodes) {
    const ids = matching.get(day);
    const node = readTrieNode(item).value;
    if (!ids || !node) continue;
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    for (const [id, byHour] of node.pageHours) {
      if (!ids.has(id)) continue;
      for (const [hour, c] of byHour) {
        const at = dayStart + hour * HOUR_MS;
        const cur = hours.get(at) ?? {
          views: 0,
          visitors: 0,
          bots: 0,
          engaged: 0,
          durationSum: 0,
          scrollSum: 0,
        };
        cur.views += Number(c.views);
        cur.visitors += Number(c.views);
        hours.set(at, cur);
      }
    }
  }
  return { hours, readUnits, errors };
}
