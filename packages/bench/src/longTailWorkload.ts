// SPEC §6's long-tail workload: a docs or shop site's day, generated deterministically from a seed.
import { seededRandom } from '@footfall/testing';
import { indexSampler, zipfWeights } from './sampling';
import {
  BOT_UAS,
  type EventSend,
  HUMAN_UAS,
  type PageviewSend,
  type Send,
  uuid,
  weighted,
  ZONE_WEIGHTS,
  ZONES,
} from './workload';

/** Options of the long-tail workload (the defaults are SPEC §6's). */
export interface LongTailOptions {
  seed?: number;
  /** Epoch ms of the day's UTC midnight. */
  start: number;
  site?: string;
  views?: number;
  paths?: number;
  referrerHosts?: number;
  campaigns?: number;
  /** Share of views that send one custom event. */
  eventShare?: number;
  eventNames?: number;
}

const SECTIONS = ['guides', 'reference', 'api', 'tutorials', 'cli', 'sdk', 'changelog', 'faq'];
const WORDS = (
  'install configure deploy migrate upgrade debug profile secure scale monitor backup restore export import ' +
  'query index stream cache retry batch queue webhook token session region bucket table function layer alias'
).split(' ');
const CATEGORIES = [
  'shoes',
  'jackets',
  'bags',
  'watches',
  'lamps',
  'chairs',
  'mugs',
  'books',
  'games',
  'tools',
];

/** 20,000 distinct paths of a docs site and a shop, ~30–60 characters like real ones, in random popularity order. */
function makePaths(random: () => number, n: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  while (out.length < n) {
    const w = () => WORDS[Math.floor(random() * WORDS.length)];
    const p =
      random() < 0.6
        ? `/docs/${SECTIONS[Math.floor(random() * SECTIONS.length)]}/${w()}-${w()}-${w()}-${Math.floor(random() * 1000)}`
        : `/shop/${CATEGORIES[Math.floor(random() * CATEGORIES.length)]}/${w()}-${w()}-${Math.floor(random() * 100_000)}`;
    if (seen.has(p)) continue;
    seen.add(p);
    out.push(p);
  }
  return out;
}

/**
 * Generates the long-tail workload: one day of 60,000 pageviews over 20,000 distinct paths (Zipf s = 0.9), 2,000
 * referrer hosts, 500 UTM campaigns, the reference workload's user-agent, bot, time-zone and engagement mix, and
 * 5 % of views with one custom event out of 50 names. Every send in time order.
 */
export function longTailWorkload(options: LongTailOptions): Send[] {
  const random = seededRandom(options.seed ?? 20261129);
  const site = options.site ?? 'docs.example';
  const views = options.views ?? 60_000;
  const paths = makePaths(random, options.paths ?? 20_000);
  const pickPath = indexSampler(random, zipfWeights(paths.length, 0.9));
  const hosts = Array.from({ length: options.referrerHosts ?? 2_000 }, (_, i) =>
    i < 20
      ? ['google.com', 'bing.com', 'duckduckgo.com', 'news.ycombinator.com', 'reddit.com'][i % 5] +
        (i < 5 ? '' : `.${i}`)
      : `site${i}.${['com', 'org', 'dev', 'io', 'net'][i % 5]}`,
  );
  const pickHost = indexSampler(random, zipfWeights(hosts.length, 1.0));
  const campaigns = Array.from({ length: options.campaigns ?? 500 }, (_, i) => `campaign-${i}`);
  const pickCampaign = indexSampler(random, zipfWeights(campaigns.length, 1.0));
  const sources = ['newsletter', 'twitter', 'mastodon', 'linkedin', 'partner', 'ads', 'reddit', 'youtube'];
  const names = Array.from({ length: options.eventNames ?? 50 }, (_, i) => `Event ${i}`);
  const pickName = indexSampler(random, zipfWeights(names.length, 1.0));
  const zones = ZONES.map((z, i) => [z, ZONE_WEIGHTS[i] ?? 1] as const);

  const times: number[] = [];
  while (times.length < views) {
    const t = random() * 86_400_000;
    const hour = t / 3_600_000;
    const density = 0.35 + 0.65 * Math.sin((Math.PI * hour) / 24) ** 2;
    if (random() < density) times.push(options.start + Math.floor(t));
  }
  times.sort((a, b) => a - b);

  const sends: Send[] = [];
  for (const time of times) {
    const bot = random() < 0.05;
    const userAgent = bot ? weighted(random, BOT_UAS) : weighted(random, HUMAN_UAS);
    const path = paths[pickPath()] as string;
    const r = random();
    const referrer =
      r < 0.4 ? `https://${hosts[pickHost()]}/` : r < 0.8 ? undefined : `https://${site}${paths[pickPath()]}`;
    const unique = random() >= 0.05 && (referrer === undefined || !referrer.startsWith(`https://${site}`));
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
    if (random() < 0.08)
      body.utm = {
        source: sources[Math.floor(random() * sources.length)] as string,
        medium: 'referral',
        campaign: campaigns[pickCampaign()] as string,
      };
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
    if (random() < (options.eventShare ?? 0.05)) {
      const event: EventSend['body'] = {
        type: 'event',
        id: uuid(random),
        view: id,
        site,
        path,
        name: names[pickName()] as string,
        props: { plan: ['free', 'pro', 'team'][Math.floor(random() * 3)] as string },
      };
      sends.push({
        kind: 'event',
        time: time + Math.round(1000 + random() * 60_000),
        userAgent,
        body: event,
      });
    }
  }
  sends.sort((a, b) => a.time - b.time);
  return sends;
}
