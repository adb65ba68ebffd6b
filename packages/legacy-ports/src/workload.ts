// A seeded workload of visits as the original embed reported them: pages, browsers, cleaned referrers, appends.
import { seededRandom } from '@footfall/testing';
import { appendRequest, cleanReferrer, type EmbedRequest, EmbedView, pixelRequest } from './embed';
import type { OriginalVisit } from './originalTable';

/** User agents whose browser name the original (woothee) and Footfall agree on. */
export const AGREEING_USER_AGENTS = {
  Chrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  Firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0',
  Safari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
} as const;

/** A crawler that runs JavaScript, which the original counted as a view and Footfall counts as a bot. */
export const BOT_USER_AGENT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/** Options of a workload. */
export interface WorkloadOptions {
  seed: number;
  /** First instant (epoch ms); visits spread over `days` days from there, in time order. */
  start: number;
  days: number;
  visits: number;
  /** Pages to choose from (the first ones more often). */
  pages?: readonly string[];
  /** The share of visits by a crawler (0 by default). */
  botShare?: number;
  /** Whether a view may send a second, later append (the original added both; default true). */
  secondAppends?: boolean;
}

/** Paths as `location.pathname` gives them (percent-encoded beyond ASCII). */
const DEFAULT_PAGES = ['/', '/blog/hello-world', '/blog/rust-lambdas', '/about', '/tags', '/blog/caf%C3%A9'];

/** Full `document.referrer` values (or none) that visits arrive with; the embed cleans them before sending. */
const REFERRERS = [
  '',
  '',
  'https://www.google.com/',
  'https://news.ycombinator.com/item?id=31337',
  'https://m.facebook.com/story.php?id=1',
  'https://duckduckgo.com/',
];

const uuid = (random: () => number): string =>
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => {
    const n = Number.parseInt(c, 10);
    return (n ^ (Math.floor(random() * 256) & (15 >> (n / 4)))).toString(16);
  });

/**
 * Visits in time order: pages weighted towards the first, browsers from AGREEING_USER_AGENTS (and crawlers at
 * `botShare`), half with an outside referrer in the embed's cleaned form, seven in ten with an append and some
 * with a second, larger one.
 * @example legacyWorkload({ seed: 1, start: Date.UTC(2024, 11, 20), days: 25, visits: 120 })
 */
export function legacyWorkload(options: WorkloadOptions): OriginalVisit[] {
  const random = seededRandom(options.seed);
  const pages = options.pages ?? DEFAULT_PAGES;
  const agents = Object.values(AGREEING_USER_AGENTS);
  const span = options.days * 86_400_000;
  const times = Array.from(
    { length: options.visits },
    () => options.start + Math.floor(random() * span),
  ).sort((a, b) => a - b);
  return times.map((time) => {
    const page = pages[Math.min(pages.length - 1, Math.floor(random() ** 2 * pages.length))] ?? '/';
    const bot = random() < (options.botShare ?? 0);
    const userAgent = bot
      ? BOT_USER_AGENT
      : (agents[Math.floor(random() * agents.length)] ?? agents[0] ?? '');
    const referrer = cleanReferrer(REFERRERS[Math.floor(random() * REFERRERS.length)] ?? '');
    const appends: { duration: number; scroll: number }[] = [];
    if (random() < 0.7) {
      const duration = 1 + Math.floor(random() * 300);
      const scroll = 5 * Math.floor(random() * 21);
      appends.push({ duration, scroll });
      if ((options.secondAppends ?? true) && random() < 0.2)
        appends.push({
          duration: duration + 1 + Math.floor(random() * 120),
          scroll: Math.min(100, scroll + 10),
        });
    }
    return {
      uuid: uuid(random),
      path: page,
      time,
      userAgent,
      ...(referrer ? { referrer } : {}),
      viewport: { width: 1280, height: 800 },
      screen: { width: 1920, height: 1080 },
      appends,
    };
  });
}

/**
 * The requests the embed on a page at `pageOrigin` made for a visit: the pixel, then one sendBeacon per append.
 * @example const { pixel, appends } = embedRequestsOf(visit, 'https://example.com');
 */
export function embedRequestsOf(
  visit: OriginalVisit,
  pageOrigin: string,
): { pixel: EmbedRequest; appends: EmbedRequest[] } {
  const view = new EmbedView({
    uuid: visit.uuid,
    pathname: visit.path,
    userAgent: visit.userAgent,
    // The visit holds the cleaned referrer; cleaning it again leaves it as it is.
    referrer: visit.referrer ?? '',
    viewport: visit.viewport ?? { width: 1280, height: 800 },
    screen: visit.screen ?? { width: 1920, height: 1080 },
    timeZone: 'Europe/London',
    start: visit.time,
  });
  const pixel = pixelRequest(view, pageOrigin);
  const appends = (visit.appends ?? []).map((a) => {
    view.duration = a.duration;
    view.scroll = a.scroll;
    return appendRequest(view, view.toBeaconJson(), pageOrigin);
  });
  return { pixel, appends };
}
