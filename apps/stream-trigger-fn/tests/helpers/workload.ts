// A seeded beacon workload: pageviews and engagement events as the beacon would send them, in time order.
import { type BeaconRequest, pick, seededRandom } from '@footfall/testing';

export type { BeaconRequest };

export const SITE = 'example.com';
const DAY_MS = 86_400_000;
/**
 * Workloads cover the two UTC days before today: recent enough that DynamoDB Local's TTL (30 days of
 * retention) does not delete raw views while a test reads them back as its ground truth.
 */
const START = Math.floor(Date.now() / DAY_MS) * DAY_MS - 2 * DAY_MS;
export const FIRST_DAY = new Date(START).toISOString().slice(0, 10);
export const LAST_DAY = new Date(START + DAY_MS).toISOString().slice(0, 10);
const SPAN = 2 * DAY_MS - 3_600_000;

const USER_AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
];
const BOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const PATHS = [
  '/',
  '/blog/',
  '/blog/first-post',
  '/blog/second-post',
  '/about',
  '/pricing',
  '/docs/a',
  '/docs/b',
];
const REFERRERS = [
  undefined,
  undefined,
  'https://news.ycombinator.com/item?id=1',
  'https://www.google.com/',
  'https://twitter.com/someone/status/1',
  `https://${SITE}/blog/`,
];
const ZONES = [
  undefined,
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'Europe/London',
  'Australia/Sydney',
];

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * `views` pageviews over two days (5 % bots), 70 % of them followed by an engagement event and a fifth of
 * those by a second, later one with new values (smaller or larger): what SPEC §6's workload mixes, small.
 * One view in ten also had an engagement report arrive before its pageview (a slow pageview request). With
 * `events`, a fifth of the views also send custom events (some retried with the same id).
 */
export function beaconWorkload(
  seed: number,
  views: number,
  options: { events?: boolean } = {},
): BeaconRequest[] {
  const random = seededRandom(seed);
  const requests: BeaconRequest[] = [];
  for (let i = 0; i < views; i++) {
    const at = START + Math.floor(random() * SPAN);
    const id = uuid(random);
    const path = pick(random, PATHS);
    const userAgent = random() < 0.05 ? BOT : pick(random, USER_AGENTS);
    const referrer = pick(random, REFERRERS);
    const tz = pick(random, ZONES);
    const body: Record<string, unknown> = { type: 'pageview', id, site: SITE, path, unique: random() < 0.6 };
    if (referrer !== undefined) body.referrer = referrer;
    if (tz !== undefined) body.tz = tz;
    if (random() < 0.2) body.utm = { source: pick(random, ['newsletter', 'mastodon']), campaign: 'spring' };
    requests.push({ at, userAgent, body });
    const engagement = (after: number) => ({
      at: after,
      userAgent,
      body: {
        type: 'engagement',
        id,
        site: SITE,
        path,
        duration: Math.floor(random() * 600),
        scroll: Math.floor(random() * 101),
      },
    });
    // With events: a fifth of views send 1–3 custom events (the same name again, or another), some retried.
    if (options.events && random() < 0.2)
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
        const event = {
          at: at + 500 + Math.floor(random() * 120_000),
          userAgent,
          body: {
            type: 'event',
            id: uuid(random),
            view: id,
            site: SITE,
            path,
            name: pick(random, ['signup', 'signup', 'File Download']),
            props: { plan: pick(random, ['free', 'pro']) },
          },
        };
        requests.push(event);
        if (random() < 0.2) requests.push({ ...event, at: event.at + 2_000 });
      }
    if (random() < 0.1) requests.push(engagement(at - 1 - Math.floor(random() * 2_000)));
    if (random() >= 0.7) continue;
    const first = engagement(at + 1_000 + Math.floor(random() * 300_000));
    requests.push(first);
    if (random() < 0.2) requests.push(engagement(first.at + 1_000 + Math.floor(random() * 300_000)));
  }
  return requests.sort((a, b) => a.at - b.at);
}
