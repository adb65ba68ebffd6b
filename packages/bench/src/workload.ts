// The SPEC §6 reference workload, generated deterministically from a seed, with its ground truth.
import { seededRandom } from '@footfall/testing';

/** A pageview as the beacon would send it, plus the request's time and User-Agent header. */
export interface PageviewSend {
  kind: 'pageview';
  time: number;
  userAgent: string;
  body: {
    type: 'pageview';
    id: string;
    site: string;
    path: string;
    referrer?: string;
    unique: boolean;
    screen: [number, number];
    viewport: [number, number];
    tz: string;
    lang: string;
    utm?: { source?: string; medium?: string; campaign?: string };
  };
}

/** An engagement event (running totals) for an earlier pageview. */
export interface EngagementSend {
  kind: 'engagement';
  time: number;
  userAgent: string;
  body: { type: 'engagement'; id: string; site: string; path: string; duration: number; scroll: number };
}

/** A custom event (SPEC §3) on an earlier pageview. */
export interface EventSend {
  kind: 'event';
  time: number;
  userAgent: string;
  body: {
    type: 'event';
    id: string;
    view: string;
    site: string;
    path: string;
    name: string;
    props?: Record<string, string>;
  };
}

export type Send = PageviewSend | EngagementSend | EventSend;

export interface WorkloadOptions {
  seed?: number;
  views?: number;
  days?: number;
  site?: string;
  /** Epoch ms of the first instant (a Monday 00:00 UTC by default). */
  start?: number;
}

export function weighted<T>(random: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r <= 0) return item;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}

const WORDS = (
  'serverless dynamodb lambda analytics privacy cookies rust python typescript streams budget cold start ' +
  'edge cache beacon dashboard metrics counters design notes release weekly guide deploy sam template ' +
  'cost review migration testing benchmark tracing logging security tokens fernet hashing zones time'
).split(' ');

function makePaths(random: () => number, n: number): string[] {
  const fixed = ['/', '/about', '/blog/', '/projects/', '/now', '/contact', '/uses', '/archive/'];
  const out = [...fixed];
  while (out.length < n) {
    const words = 3 + Math.floor(random() * 5);
    const slug = Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join('-');
    const year = 2019 + Math.floor(random() * 8);
    const p = random() < 0.8 ? `/blog/${year}/${slug}/` : `/notes/${slug}`;
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

const REFERRERS: readonly (readonly [string, number])[] = [
  ['https://www.google.com/', 30],
  ['https://news.ycombinator.com/item?id=41234567', 12],
  ['https://duckduckgo.com/', 8],
  ['https://www.bing.com/search?q=serverless+analytics', 5],
  ['https://t.co/abc123', 5],
  ['https://www.reddit.com/r/aws/comments/xyz/', 6],
  ['https://lobste.rs/s/abcd', 4],
  ['https://github.com/someone/awesome-analytics', 4],
  ['https://www.linkedin.com/feed/', 3],
  ['https://m.facebook.com/', 2],
  ['https://mastodon.social/@someone', 3],
  ['https://fosstodon.org/@dev', 2],
  ['https://search.brave.com/search?q=dynamodb', 2],
  ['https://www.ecosia.org/search', 1],
  ['https://kagi.com/search?q=fernet', 1],
  ['https://dev.to/someone/post', 2],
  ['https://medium.com/@writer/article', 2],
  ['https://stackoverflow.com/questions/123/dynamodb', 2],
  ['https://www.youtube.com/watch?v=x', 1],
  ['https://substack.com/inbox', 1],
  ['https://old.reddit.com/r/programming/', 1],
  ['https://tildes.net/~comp', 1],
  ['https://www.producthunt.com/posts/footfall', 1],
  ['https://android-app.com.slack/', 1],
  ['https://discord.com/channels/1/2', 1],
  ['https://yandex.ru/search/', 1],
  ['https://www.baidu.com/s?wd=x', 1],
  ['https://search.yahoo.com/search', 1],
  ['https://feedly.com/i/latest', 1],
  ['https://news.google.com/', 1],
];

export const HUMAN_UAS: readonly (readonly [string, number])[] = [
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    24,
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    12,
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
    9,
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    14,
  ],
  [
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    12,
  ],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 6],
  ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 3],
  [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    3,
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
    6,
  ],
  [
    'Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    3,
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
    3,
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
    2,
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/114.0.0.0',
    1,
  ],
  [
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    1,
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/490.0.0.0]',
    1,
  ],
];

export const BOT_UAS: readonly (readonly [string, number])[] = [
  ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 5],
  ['Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', 3],
  [
    'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)',
    2,
  ],
  [
    'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)',
    2,
  ],
  ['Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)', 2],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
    1,
  ],
];

export const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'America/Chicago',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Amsterdam',
  'Europe/Madrid',
  'Europe/Stockholm',
  'Europe/Warsaw',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'America/Toronto',
  'Asia/Shanghai',
  'Africa/Lagos',
  'Pacific/Auckland',
  'Asia/Seoul',
];
export const ZONE_WEIGHTS = [18, 10, 8, 10, 10, 6, 4, 3, 2, 2, 4, 5, 2, 3, 3, 3, 2, 1, 1, 3];

const UTM: readonly (readonly [{ source: string; medium: string; campaign: string }, number])[] = [
  [{ source: 'newsletter', medium: 'email', campaign: 'weekly-42' }, 4],
  [{ source: 'newsletter', medium: 'email', campaign: 'weekly-43' }, 3],
  [{ source: 'mastodon', medium: 'social', campaign: 'launch' }, 2],
  [{ source: 'twitter', medium: 'social', campaign: 'launch' }, 2],
  [{ source: 'github', medium: 'readme', campaign: 'oss' }, 1],
];

/** A random version-4 UUID from the seeded generator. */
export function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Math.floor(random() * 4) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Zipf(s) over ranks 1..n as cumulative weights. */
function zipf(n: number, s: number): number[] {
  const w = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
  return w;
}

/**
 * Generates the SPEC §6 reference workload: views over `days` in time order, 200 paths with Zipf(1.1)
 * popularity, 30 referrer hosts plus direct traffic, a user-agent mix with 5 % bots, 20 time zones; 70 % of
 * views send one engagement event and a fifth of those a second, later one. Returns every send in time order.
 */
export function referenceWorkload(options: WorkloadOptions = {}): Send[] {
  const random = seededRandom(options.seed ?? 20261126);
  const views = options.views ?? 10_000;
  const days = options.days ?? 7;
  const site = options.site ?? 'example.com';
  const start = options.start ?? Date.UTC(2026, 2, 2);
  const paths = makePaths(random, 200);
  const pathWeights = zipf(paths.length, 1.1).map((w, i) => [paths[i] as string, w] as const);
  const zones = ZONES.map((z, i) => [z, ZONE_WEIGHTS[i] ?? 1] as const);

  // Time of day follows a daily wave (quiet nights, busy afternoons UTC), sampled by rejection.
  const times: number[] = [];
  const span = days * 86_400_000;
  while (times.length < views) {
    const t = random() * span;
    const hour = (t / 3_600_000) % 24;
    const density = 0.35 + 0.65 * Math.sin((Math.PI * hour) / 24) ** 2;
    if (random() < density) times.push(start + Math.floor(t));
  }
  times.sort((a, b) => a - b);

  const sends: Send[] = [];
  for (const time of times) {
    const bot = random() < 0.05;
    const userAgent = bot ? weighted(random, BOT_UAS) : weighted(random, HUMAN_UAS);
    const path = weighted(random, pathWeights);
    const r = random();
    // 45 % from another site, 40 % direct, 15 % internal navigation (not a visitor).
    const referrer =
      r < 0.45
        ? weighted(random, REFERRERS)
        : r < 0.85
          ? undefined
          : `https://${site}${weighted(random, pathWeights)}`;
    const reload = random() < 0.05;
    const unique = !reload && (referrer === undefined || !referrer.startsWith(`https://${site}`));
    const utm = random() < 0.08 ? weighted(random, UTM) : undefined;
    const mobile = / Mobile|iPhone|Android/.test(userAgent);
    const id = uuid(random);
    const body: PageviewSend['body'] = {
      type: 'pageview',
      id,
      site,
      path,
      unique,
      screen: mobile ? [390, 844] : [1920, 1080],
      viewport: mobile ? [390, 664] : [1440, 900],
      tz: weighted(random, zones),
      lang: 'en-US',
    };
    if (referrer) body.referrer = referrer;
    if (utm) body.utm = utm;
    sends.push({ kind: 'pageview', time, userAgent, body });
    if (random() < 0.7) {
      const duration = Math.min(7200, Math.round(3 + random() ** 2 * 400));
      const scroll = Math.round(10 + random() * 90);
      const first = { type: 'engagement' as const, id, site, path, duration, scroll };
      sends.push({ kind: 'engagement', time: time + duration * 1000, userAgent, body: first });
      if (random() < 0.2) {
        const more = Math.round(5 + random() * 600);
        const second = {
          ...first,
          duration: Math.min(7200, duration + more),
          scroll: Math.min(100, scroll + Math.round(random() * 30)),
        };
        sends.push({ kind: 'engagement', time: time + (duration + more) * 1000, userAgent, body: second });
      }
    }
  }
  sends.sort((a, b) => a.time - b.time);
  return sends;
}
