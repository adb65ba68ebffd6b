// What the reference workload must produce in the reports: the answer key a benchmark run is checked against.
import { countryOfTimeZone } from '@footfall/core-model';
import { parseUserAgent } from '@footfall/ua';
import type { Send } from './workload';

/** Expected totals and breakdowns of a workload. */
export interface GroundTruth {
  views: number;
  visitors: number;
  bots: number;
  engaged: number;
  durationSum: number;
  scrollSum: number;
  pages: Map<string, { views: number; visitors: number }>;
  referrers: Map<string, { views: number; visitors: number }>;
  browsers: Map<string, { views: number; visitors: number }>;
  countries: Map<string, { views: number; visitors: number }>;
}

function bump(m: Map<string, { views: number; visitors: number }>, key: string | undefined, unique: boolean) {
  if (!key) return;
  const cur = m.get(key) ?? { views: 0, visitors: 0 };
  cur.views += 1;
  if (unique) cur.visitors += 1;
  m.set(key, cur);
}

/** Referrer host as SPEC §4 defines it: `www.` stripped, same-site referrers are none. */
export function referrerHost(referrer: string | undefined, site: string): string | undefined {
  if (!referrer) return undefined;
  try {
    const host = new URL(referrer).hostname.toLowerCase().replace(/^www\./, '');
    return host === site.replace(/^www\./, '') ? undefined : host;
  } catch {
    return undefined;
  }
}

/** Computes the expected reports of a workload from the sends alone (largest engagement per view counts). */
export function groundTruth(sends: readonly Send[]): GroundTruth {
  const t: GroundTruth = {
    views: 0,
    visitors: 0,
    bots: 0,
    engaged: 0,
    durationSum: 0,
    scrollSum: 0,
    pages: new Map(),
    referrers: new Map(),
    browsers: new Map(),
    countries: new Map(),
  };
  const humans = new Set<string>();
  const engagement = new Map<string, { duration: number; scroll: number }>();
  for (const s of sends) {
    if (s.kind === 'pageview') {
      const ua = parseUserAgent(s.userAgent);
      if (ua.isBot) {
        t.bots += 1;
        continue;
      }
      humans.add(s.body.id);
      const unique = s.body.unique;
      t.views += 1;
      if (unique) t.visitors += 1;
      bump(t.pages, s.body.path, unique);
      bump(t.referrers, referrerHost(s.body.referrer, s.body.site), unique);
      bump(t.browsers, ua.browser, unique);
      bump(t.countries, countryOfTimeZone(s.body.tz), unique);
    } else if (s.kind === 'engagement') {
      // A view's engagement is the largest duration and scroll it reported, in whatever order (SPEC §3).
      const was = engagement.get(s.body.id);
      engagement.set(s.body.id, {
        duration: Math.max(was?.duration ?? 0, s.body.duration),
        scroll: Math.max(was?.scroll ?? 0, s.body.scroll),
      });
    }
  }
  for (const [id, e] of engagement) {
    if (!humans.has(id)) continue;
    t.engaged += 1;
    t.durationSum += e.duration;
    t.scrollSum += e.scroll;
  }
  return t;
}
