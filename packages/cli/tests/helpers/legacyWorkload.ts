// The workload the import tests replay through the original trigger's port, and what it says each UTC day holds.
import { legacyWorkload, type OriginalVisit, originalBrowserName } from '@footfall/legacy-ports';

export const SITE = 'example.com';

/** Two weeks of 2022 with crawlers and second appends, plus visits that moved between the site's own pages. */
export const VISITS: OriginalVisit[] = [
  ...legacyWorkload({ seed: 21, start: Date.UTC(2022, 5, 25), days: 14, visits: 120, botShare: 0.1 }),
  ...legacyWorkload({ seed: 22, start: Date.UTC(2022, 5, 25), days: 14, visits: 20 }).map((v) => ({
    ...v,
    referrer: `${SITE}/blog/hello-world`,
  })),
];

/** Views and visitors of one value. */
export interface Pair {
  views: number;
  visitors: number;
}

/** One UTC day as the original counted it (crawlers and every append included), with Footfall's visitors. */
export interface ExpectedDay {
  views: number;
  duration: number;
  scroll: number;
  visitors: number;
  /** Views per UTC hour. */
  hours: Record<string, number>;
  /** Visitors per UTC hour. */
  visitorHours: Record<string, number>;
  pages: Record<string, number>;
  pageVisitors: Record<string, number>;
  browsers: Record<string, number>;
  /** Referrer host (the cleaned referrer up to its first `/`) → views and visitors; same-site ones are none. */
  referrers: Record<string, Pair>;
}

export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const bump = (into: Record<string, number>, key: string, by = 1) => {
  into[key] = (into[key] ?? 0) + by;
};

/** What the workload says each UTC day holds. */
export function expectedDays(visits: readonly OriginalVisit[] = VISITS): Record<string, ExpectedDay> {
  const days: Record<string, ExpectedDay> = {};
  for (const v of visits) {
    const day = dayOf(v.time);
    days[day] ??= {
      views: 0,
      duration: 0,
      scroll: 0,
      visitors: 0,
      hours: {},
      visitorHours: {},
      pages: {},
      pageVisitors: {},
      browsers: {},
      referrers: {},
    };
    const d = days[day];
    const hour = String(new Date(v.time).getUTCHours());
    const host = v.referrer?.split('/')[0];
    const visitor = host !== SITE ? 1 : 0;
    d.views++;
    for (const a of v.appends ?? []) {
      d.duration += a.duration;
      d.scroll += a.scroll;
    }
    d.visitors += visitor;
    bump(d.hours, hour);
    bump(d.visitorHours, hour, visitor);
    bump(d.pages, v.path);
    bump(d.pageVisitors, v.path, visitor);
    const browser = originalBrowserName(v.userAgent);
    if (browser !== undefined) bump(d.browsers, browser);
    if (host !== undefined && host !== SITE) {
      d.referrers[host] ??= { views: 0, visitors: 0 };
      d.referrers[host].views++;
      d.referrers[host].visitors += visitor;
    }
  }
  return days;
}
