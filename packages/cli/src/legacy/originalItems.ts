// Typed decoders of the original system's table (its Python and Rust versions): what each Path/Section item is,
// as a result, never an exception (docs/compat.md describes the layout).
import {
  DecodeError,
  describe,
  type Item,
  int,
  item,
  optional,
  str,
  withDefault,
} from '@footfall/core-model';
import { err, ok, type Result } from '@footfall/kernel';

/** Views with the duration and scroll totals the original added up for them. */
export interface LegacyCounts {
  views: number;
  /** Seconds, every append added (the original summed each append it received). */
  durationSum: number;
  /** Percent, every append added. */
  scrollSum: number;
}

/** One item of the original table, by what it holds. `path` null means the whole site (`Path` = `site`). */
export type OriginalRecord =
  /** `Day-YYYY-MM-DDTHH` of a page or `site`: views and totals of one UTC hour. */
  | { kind: 'hour'; path: string | null; day: string; hour: number; counts: LegacyCounts }
  /** `Month-YYYY-MM-DD` of a page or `site`: views and totals of one UTC day. */
  | { kind: 'day'; path: string | null; day: string; counts: LegacyCounts }
  /** `Week-YYYY-WW-D` of a page or `site`: the same views under a week key (ISO weeks in Rust, `%W` in Python). */
  | { kind: 'weekday'; path: string | null }
  /** `browser` / `Month-YYYY-MM-DD#Name`: one browser's views of one UTC day. */
  | { kind: 'browserDay'; day: string; browser: string; views: number }
  /** `browser` / `Week-…#Name`: the same views under a week key. */
  | { kind: 'browserWeekday' }
  /** `page-view-day-YYYY-MM-DD` / path (Rust only): one page's views of one day. */
  | { kind: 'pageDay'; day: string; path: string; views: number }
  /** `page-view-week-…` and `page-view-month-…` / path: sums of the page-day counts. */
  | { kind: 'pagePeriod' }
  /** `<path>` / `view-<uuid>`: one raw page view as the pixel stored it, with its last append. */
  | {
      kind: 'rawView';
      uuid: string;
      path: string;
      /** Epoch ms. */
      time: number;
      referrer?: string | undefined;
      userAgent?: string | undefined;
      duration?: number | undefined;
      scroll?: number | undefined;
    }
  /** `user` / `<username>`: a dashboard user. */
  | { kind: 'user' };

/** The key of an item, for messages: `Path "site", Section "Day-…"`. */
export function describeKey(raw: Item): string {
  const text = (name: string) => {
    const v = raw[name];
    return v && 'S' in v && typeof v.S === 'string' ? JSON.stringify(v.S.slice(0, 80)) : describe(v);
  };
  return `Path ${text('Path')}, Section ${text('Section')}`;
}

const keys = item({ Path: str(), Section: str() });
const counts = item({
  ViewCount: withDefault(int({ min: 0 }), 0),
  TotalDuration: withDefault(int({ min: 0 }), 0),
  TotalScroll: withDefault(int({ min: 0 }), 0),
});
const viewCount = item({ ViewCount: withDefault(int({ min: 0 }), 0) });
const rawView = item({
  Time: str(),
  Referrer: optional(str({ allowEmpty: true })),
  UserAgent: optional(str({ allowEmpty: true })),
  Duration: optional(int({ min: 0 })),
  Scroll: optional(int({ min: 0 })),
});

/** `YYYY-MM-DD` of real calendar days only. */
function realDay(year: string, month: string, day: string): string | undefined {
  const t = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const text = `${year}-${month}-${day}`;
  return t.toISOString().slice(0, 10) === text ? text : undefined;
}

const DAY_SECTION = /^Day-(\d{4})-(\d{2})-(\d{2})T(\d{2})$/;
const MONTH_SECTION = /^Month-(\d{4})-(\d{2})-(\d{2})(?:#(.+))?$/s;
const WEEK_SECTION = /^Week-\d{4}-\d{2}-[0-6](?:#.+)?$/s;
const VIEW_SECTION = /^view-([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
const PAGE_DAY_PATH = /^page-view-day-(\d{4})-(\d{2})-(\d{2})$/;
const PAGE_PERIOD_PATH = /^page-view-(?:week|month)-\d{4}-\d{2}$/;

/**
 * The original's `Time`: RFC 3339 with an offset (Rust) or ISO 8601 without one (Python's `datetime.now()`, UTC on
 * Lambda), any number of fraction digits. Epoch ms, or undefined when it is neither.
 */
export function parseOriginalTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/i.exec(
    text,
  );
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = m;
  if (
    realDay(y ?? '', mo ?? '', d ?? '') === undefined ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 60
  )
    return undefined;
  const utc = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(fraction.padEnd(3, '0').slice(0, 3)),
  );
  if (zone.toUpperCase() === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return utc - offset * 60_000;
}

const unrecognised = (raw: Item): DecodeError =>
  new DecodeError('', 'an item of the original layout', describeKey(raw));

/**
 * Decodes one item of the original table into what it holds, or a DecodeError naming the attribute and why.
 * @example decodeOriginalItem({ Path: { S: 'site' }, Section: { S: 'Day-2022-06-20T09' }, ViewCount: { N: '3' } })
 */
export function decodeOriginalItem(raw: Item): Result<OriginalRecord, DecodeError> {
  const k = keys.decode(raw);
  if (!k.ok) return k;
  const { Path: path, Section: section } = k.value;

  if (path === 'user') return ok({ kind: 'user' });

  const view = VIEW_SECTION.exec(section);
  if (view) {
    const v = rawView.decode(raw);
    if (!v.ok) return v;
    const time = parseOriginalTime(v.value.Time);
    if (time === undefined)
      return err(
        new DecodeError('Time', 'an RFC 3339 or ISO 8601 time', JSON.stringify(v.value.Time.slice(0, 40))),
      );
    return ok({
      kind: 'rawView',
      uuid: (view[1] ?? '').toLowerCase(),
      path,
      time,
      referrer: v.value.Referrer,
      userAgent: v.value.UserAgent,
      duration: v.value.Duration,
      scroll: v.value.Scroll,
    });
  }

  const pageDay = PAGE_DAY_PATH.exec(path);
  if (pageDay) {
    const day = realDay(pageDay[1] ?? '', pageDay[2] ?? '', pageDay[3] ?? '');
    if (day === undefined)
      return err(new DecodeError('Path', 'page-view-day-<a real day>', JSON.stringify(path)));
    const c = viewCount.decode(raw);
    if (!c.ok) return c;
    return ok({ kind: 'pageDay', day, path: section, views: c.value.ViewCount });
  }
  if (PAGE_PERIOD_PATH.test(path)) return ok({ kind: 'pagePeriod' });

  if (path === 'browser') {
    if (WEEK_SECTION.test(section)) return ok({ kind: 'browserWeekday' });
    const m = MONTH_SECTION.exec(section);
    const day = m ? realDay(m[1] ?? '', m[2] ?? '', m[3] ?? '') : undefined;
    if (!m?.[4] || day === undefined)
      return err(
        new DecodeError('Section', 'Month-<a real day>#<browser>', JSON.stringify(section.slice(0, 60))),
      );
    const c = viewCount.decode(raw);
    if (!c.ok) return c;
    return ok({ kind: 'browserDay', day, browser: m[4], views: c.value.ViewCount });
  }

  if (path !== 'site' && !path.startsWith('/')) return err(unrecognised(raw));
  const scope = path === 'site' ? null : path;
  if (WEEK_SECTION.test(section)) return ok({ kind: 'weekday', path: scope });
  const hourMatch = DAY_SECTION.exec(section);
  const dayMatch = hourMatch ? undefined : MONTH_SECTION.exec(section);
  if (!hourMatch && !dayMatch) return err(unrecognised(raw));
  const m = hourMatch ?? dayMatch;
  const day = m ? realDay(m[1] ?? '', m[2] ?? '', m[3] ?? '') : undefined;
  const hour = hourMatch ? Number(hourMatch[4]) : 0;
  if (day === undefined || hour > 23 || dayMatch?.[4] !== undefined)
    return err(
      new DecodeError(
        'Section',
        'Day-<a real day>T<00–23> or Month-<a real day>',
        JSON.stringify(section.slice(0, 60)),
      ),
    );
  const c = counts.decode(raw);
  if (!c.ok) return c;
  const value: LegacyCounts = {
    views: c.value.ViewCount,
    durationSum: c.value.TotalDuration,
    scrollSum: c.value.TotalScroll,
  };
  return ok(
    hourMatch
      ? { kind: 'hour', path: scope, day, hour, counts: value }
      : { kind: 'day', path: scope, day, counts: value },
  );
}
