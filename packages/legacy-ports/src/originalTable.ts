// A port of what the original Rust API and trigger wrote (BlakeRain/blakerain.com lambda/src at 86f7e0a:
// api/page_view.rs, bin/trigger.rs): the raw view of a pixel, the trigger's counters, the append's totals; and a
// builder that replays a workload through them into a real table.
import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import woothee from 'woothee';

/** A DynamoDB item. */
export type OriginalItem = Record<string, AttributeValue>;

/** One visit as the original embed reported it, and when its requests reached the API. */
export interface OriginalVisit {
  uuid: string;
  /** `path` as the embed sent it (`window.location.pathname`). */
  path: string;
  /** When the pixel reached the API (the original's `OffsetDateTime::now_utc()`), epoch ms. */
  time: number;
  userAgent: string;
  /** The cleaned referrer the embed sent, if any. */
  referrer?: string | undefined;
  viewport?: { width: number; height: number };
  screen?: { width: number; height: number };
  /** Each `/append` the page sent for this view, in order. */
  appends?: readonly { duration: number; scroll: number }[];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const S = (s: string): AttributeValue => ({ S: s });
const N = (n: number): AttributeValue => ({ N: String(n) });

/** The fields of `time::OffsetDateTime` the original formatted keys from (all UTC). */
interface TimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  /** `weekday().number_days_from_sunday()`. */
  weekdayFromSunday: number;
  /** `iso_week()`: the ISO 8601 week number, whatever year it belongs to. */
  isoWeek: number;
}

/** ISO 8601 week number of a UTC day, computed here independently of Footfall's own time code. */
function isoWeekNumber(d: Date): number {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dayNum = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dayNum);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

function partsOf(ms: number): TimeParts {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    weekdayFromSunday: d.getUTCDay(),
    isoWeek: isoWeekNumber(d),
  };
}

/** The RFC 3339 text the original stored in `Time` (`OffsetDateTime::format(&Rfc3339)`, UTC). */
export const rfc3339 = (ms: number): string => new Date(ms).toISOString();

/**
 * The raw view item `GET /pv.gif` put (`PageView::from_querystring` + `to_item`): keyed by the path and
 * `view-<uuid>`, with the embed's query values. The embed sent `duration=0&scroll=0`, so both are stored as 0;
 * it sent the zone as `timezone`, which the original read as `tz`, so no time zone was ever stored.
 */
export function pixelItem(visit: OriginalVisit): OriginalItem {
  const item: OriginalItem = {
    Path: S(visit.path),
    Section: S(`view-${visit.uuid}`),
    Time: S(rfc3339(visit.time)),
    UserAgent: S(visit.userAgent),
    Duration: N(0),
    Scroll: N(0),
  };
  if (visit.viewport) {
    item.ViewportWidth = N(visit.viewport.width);
    item.ViewportHeight = N(visit.viewport.height);
  }
  // The original read screen_height from `viewport_height` (a bug kept here).
  if (visit.screen) item.ScreenWidth = N(visit.screen.width);
  if (visit.viewport) item.ScreenHeight = N(visit.viewport.height);
  if (visit.referrer) item.Referrer = S(visit.referrer);
  return item;
}

const add = (
  table: string,
  path: string,
  section: string,
  set: Record<string, string>,
  adds: Record<string, number>,
): UpdateItemCommandInput => {
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  const setClauses = Object.entries(set).map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = S(value);
    return `#s${i} = :s${i}`;
  });
  const addClauses = Object.entries(adds).map(([name, value], i) => {
    names[`#a${i}`] = name;
    values[`:a${i}`] = N(value);
    return `#a${i} :a${i}`;
  });
  return {
    TableName: table,
    Key: { Path: S(path), Section: S(section) },
    UpdateExpression: `${setClauses.length > 0 ? `SET ${setClauses.join(', ')} ` : ''}ADD ${addClauses.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
};

/** `update_page_count`: views per page in the day, week and month partitions. */
function pageCountUpdates(table: string, path: string, t: TimeParts): UpdateItemCommandInput[] {
  return [
    add(table, `page-view-day-${t.year}-${pad(t.month)}-${pad(t.day)}`, path, {}, { ViewCount: 1 }),
    add(table, `page-view-week-${t.year}-${pad(t.isoWeek)}`, path, {}, { ViewCount: 1 }),
    add(table, `page-view-month-${t.year}-${pad(t.month)}`, path, {}, { ViewCount: 1 }),
  ];
}

/** `update_path`: the hour, week-day and month-day counters of a page or of `site`. */
function pathUpdates(table: string, path: string, t: TimeParts): UpdateItemCommandInput[] {
  return [
    add(
      table,
      path,
      `Day-${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}`,
      { ViewDay: `${t.year}-${pad(t.month)}-${pad(t.day)}`, ViewHour: String(t.hour) },
      { ViewCount: 1 },
    ),
    add(
      table,
      path,
      `Week-${t.year}-${pad(t.isoWeek)}-${t.weekdayFromSunday}`,
      { ViewWeek: `${t.year}-${pad(t.isoWeek)}`, ViewDay: String(t.weekdayFromSunday) },
      { ViewCount: 1 },
    ),
    add(
      table,
      path,
      `Month-${t.year}-${pad(t.month)}-${pad(t.day)}`,
      { ViewMonth: `${t.year}-${pad(t.month)}`, ViewDay: String(t.day) },
      { ViewCount: 1 },
    ),
  ];
}

/**
 * The browser name the original trigger counted (woothee's name, spaces as `-`), or undefined where Rust's
 * woothee returned no result at all (nothing recognised: this JavaScript woothee says UNKNOWN everywhere).
 */
export function originalBrowserName(userAgent: string): string | undefined {
  const r = woothee.parse(userAgent);
  const recognised =
    userAgent === '' || userAgent === '-' || [r.name, r.category, r.os].some((v) => v !== 'UNKNOWN');
  return recognised ? r.name.replace(/ /g, '-') : undefined;
}

/** `update_user_agent`: the browser's week-day and month-day counters. */
function browserUpdates(table: string, userAgent: string, t: TimeParts): UpdateItemCommandInput[] {
  const name = originalBrowserName(userAgent);
  if (name === undefined) return [];
  return [
    add(
      table,
      'browser',
      `Week-${t.year}-${pad(t.isoWeek)}-${t.weekdayFromSunday}#${name}`,
      { ViewWeek: `${t.year}-${pad(t.isoWeek)}`, ViewDay: String(t.weekdayFromSunday) },
      { ViewCount: 1 },
    ),
    add(
      table,
      'browser',
      `Month-${t.year}-${pad(t.month)}-${pad(t.day)}#${name}`,
      { ViewMonth: `${t.year}-${pad(t.month)}`, ViewDay: String(t.day) },
      { ViewCount: 1 },
    ),
  ];
}

/** The trigger's writes for the INSERT of a raw view at `path` (made absolute) at `time`. */
export function triggerUpdates(
  table: string,
  path: string,
  time: number,
  userAgent: string | undefined,
): UpdateItemCommandInput[] {
  const absolute = path.startsWith('/') ? path : `/${path}`;
  const t = partsOf(time);
  return [
    ...pageCountUpdates(table, absolute, t),
    ...pathUpdates(table, absolute, t),
    ...pathUpdates(table, 'site', t),
    ...(userAgent === undefined ? [] : browserUpdates(table, userAgent, t)),
  ];
}

/** `update_accumulators`: ADD the append's duration and scroll to the view's hour, week-day and month-day. */
function accumulatorUpdates(
  table: string,
  path: string,
  t: TimeParts,
  append: { duration: number; scroll: number },
): UpdateItemCommandInput[] {
  const adds = { TotalDuration: append.duration, TotalScroll: append.scroll };
  return [
    add(table, path, `Day-${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}`, {}, adds),
    add(table, path, `Week-${t.year}-${pad(t.isoWeek)}-${t.weekdayFromSunday}`, {}, adds),
    add(table, path, `Month-${t.year}-${pad(t.month)}-${pad(t.day)}`, {}, adds),
  ];
}

/**
 * The writes of one `POST /append` for a view found at `path`/`view-<uuid>` with time `time`: SET its Duration
 * and Scroll, then ADD both to the page's and the site's totals. Every append adds, so a page that sent two
 * appends counted its duration twice.
 */
export function appendUpdates(
  table: string,
  visit: { uuid: string; path: string },
  time: number,
  append: { duration: number; scroll: number },
): UpdateItemCommandInput[] {
  const t = partsOf(time);
  return [
    {
      TableName: table,
      Key: { Path: S(visit.path), Section: S(`view-${visit.uuid}`) },
      UpdateExpression: 'SET #DU = :d, #SC = :s',
      ExpressionAttributeNames: { '#DU': 'Duration', '#SC': 'Scroll' },
      ExpressionAttributeValues: { ':d': N(append.duration), ':s': N(append.scroll) },
    },
    ...accumulatorUpdates(table, visit.path, t, append),
    ...accumulatorUpdates(table, 'site', t, append),
  ];
}

/** Runs `tasks` with at most `limit` in flight (DynamoDB Local on a small machine prefers a few at a time). */
async function bounded(tasks: (() => Promise<unknown>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      if (task) await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

/**
 * Fills `table` as the original system would have after `visits`: each pixel's raw view, the trigger's
 * counters for its INSERT, then each append (which read the raw view first and did nothing without one).
 * @example await buildOriginalTable(client, 'legacy', visits)
 */
export async function buildOriginalTable(
  client: DynamoDBClient,
  table: string,
  visits: readonly OriginalVisit[],
): Promise<void> {
  // The counters are ADDs, which commute: visits can be replayed side by side.
  await bounded(
    visits.map((visit) => async () => {
      await client.send(new PutItemCommand({ TableName: table, Item: pixelItem(visit) }));
      for (const input of triggerUpdates(table, visit.path, visit.time, visit.userAgent))
        await client.send(new UpdateItemCommand(input));
      for (const append of visit.appends ?? []) {
        const found = await client.send(
          new GetItemCommand({
            TableName: table,
            Key: { Path: S(visit.path), Section: S(`view-${visit.uuid}`) },
            ConsistentRead: true,
          }),
        );
        if (!found.Item) continue;
        for (const input of appendUpdates(table, visit, visit.time, append))
          await client.send(new UpdateItemCommand(input));
      }
    }),
    8,
  );
}
