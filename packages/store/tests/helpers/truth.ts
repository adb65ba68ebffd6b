// The answer key of a set of stored views: what every report must say, computed without the layout.
import type { Dimension, PairCount, RawView } from '@footfall/core-model';
import { utcDayKey, utcHour } from '@footfall/core-model';

/** The value a view has in a dimension (undefined: not counted there). */
export function dimensionValue(v: RawView, dimension: Dimension): string | undefined {
  switch (dimension) {
    case 'page':
      return v.path;
    case 'referrer':
      return v.referrer;
    case 'utm_source':
      return v.utmSource;
    case 'utm_campaign':
      return v.utmCampaign;
    case 'browser':
      return v.browser;
    case 'os':
      return v.os;
    case 'device':
      return v.device;
    case 'country':
      return v.country;
  }
}

/** Views and visitors per value of a dimension (bots excluded). */
export function expectedRows(views: readonly RawView[], dimension: Dimension): Map<string, PairCount> {
  const out = new Map<string, PairCount>();
  for (const v of views) {
    if (v.bot) continue;
    const value = dimensionValue(v, dimension);
    if (value === undefined) continue;
    const cur = out.get(value) ?? { views: 0, visitors: 0 };
    cur.views += 1;
    if (v.unique) cur.visitors += 1;
    out.set(value, cur);
  }
  return out;
}

/** Site or page counters per UTC hour start, as the time series must report them. */
export function expectedHours(views: readonly RawView[], path?: string) {
  const out = new Map<
    number,
    { views: number; visitors: number; bots: number; engaged: number; durationSum: number; scrollSum: number }
  >();
  for (const v of views) {
    if (path !== undefined && (v.path !== path || v.bot)) continue;
    const hour = Date.parse(`${utcDayKey(v.time)}T00:00:00Z`) + utcHour(v.time) * 3_600_000;
    const c = out.get(hour) ?? { views: 0, visitors: 0, bots: 0, engaged: 0, durationSum: 0, scrollSum: 0 };
    if (v.bot) c.bots += 1;
    else {
      c.views += 1;
      if (v.unique) c.visitors += 1;
      if (v.duration !== undefined || v.scroll !== undefined) {
        c.engaged += 1;
        c.durationSum += v.duration ?? 0;
        c.scrollSum += v.scroll ?? 0;
      }
    }
    out.set(hour, c);
  }
  return out;
}
