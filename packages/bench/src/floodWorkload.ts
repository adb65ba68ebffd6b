// SPEC §6's flood workload: a hostile client's distinct long values, interleaved with ordinary views that must
// come out exact. Generated deterministically from a seed.
import { seededRandom } from '@footfall/testing';
import { type EventSend, HUMAN_UAS, type PageviewSend, type Send, uuid, weighted } from './workload';

/** Options of the flood (defaults: SPEC §6's sizes). */
export interface FloodOptions {
  seed?: number;
  /** Epoch ms of the first send. */
  start: number;
  site?: string;
  /** Multiplies every count (1 = SPEC §6). */
  scale?: number;
  /** Milliseconds between sends (the rate the flood arrives at). */
  gapMs?: number;
}

/** A flood send, marked when it is one of the ordinary views whose counts must be exact. */
export type FloodSend = Send & { ordinary?: true };

const ORDINARY_PATHS = [
  '/',
  '/blog/',
  '/about',
  '/pricing',
  '/docs/start',
  '/blog/launch',
  '/contact',
  '/jobs',
];

/**
 * Generates the flood: 20,000 pageviews with distinct 512-byte paths (half multi-byte text), 5,000 with distinct
 * 253-byte referrer hosts and 100-byte UTM values, 2,000 custom events with distinct names and props, and 1,000
 * ordinary views spread evenly among them.
 */
export function floodWorkload(options: FloodOptions): FloodSend[] {
  const random = seededRandom(options.seed ?? 20261130);
  const site = options.site ?? 'example.com';
  const scale = options.scale ?? 1;
  const n = (x: number) => Math.round(x * scale);
  const ua = HUMAN_UAS[0]?.[0] ?? 'Mozilla/5.0';
  const hostile: Send[] = [];
  const pageview = (body: Partial<PageviewSend['body']>): PageviewSend => ({
    kind: 'pageview',
    time: 0,
    userAgent: ua,
    body: {
      type: 'pageview',
      id: uuid(random),
      site,
      path: '/',
      unique: true,
      screen: [1920, 1080],
      viewport: [1440, 900],
      tz: 'Europe/Berlin',
      lang: 'en',
      ...body,
    },
  });
  for (let i = 0; i < n(20_000); i++) {
    const tag = String(i).padStart(8, '0');
    // 512 bytes exactly: '/' + 167 three-byte characters (501) + 2 ASCII + 8 digits, or '/' + 503 letters + 8 digits.
    const path = i % 2 === 0 ? `/${'€'.repeat(167)}x-${tag}` : `/${'p'.repeat(503)}${tag}`;
    hostile.push(pageview({ path }));
  }
  for (let i = 0; i < n(5_000); i++) {
    const tag = String(i).padStart(6, '0');
    hostile.push(
      pageview({
        path: '/landing',
        referrer: `https://${tag}${'r'.repeat(253 - 6 - 8)}.example/`,
        utm: { source: `src-${tag}${'s'.repeat(90)}`, campaign: `cmp-${tag}${'c'.repeat(90)}` },
      }),
    );
  }
  for (let i = 0; i < n(2_000); i++) {
    const tag = String(i).padStart(6, '0');
    const body: EventSend['body'] = {
      type: 'event',
      id: uuid(random),
      view: uuid(random),
      site,
      path: '/landing',
      name: `evt-${tag}-${'e'.repeat(40)}`,
      props: { [`k${tag}`]: `v-${tag}-${'v'.repeat(80)}` },
    };
    hostile.push({ kind: 'event', time: 0, userAgent: ua, body });
  }
  // Shuffle the hostile sends, then spread the ordinary views evenly through them.
  for (let i = hostile.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [hostile[i], hostile[j]] = [hostile[j] as Send, hostile[i] as Send];
  }
  const ordinary = n(1_000);
  const out: FloodSend[] = [];
  const every = hostile.length / Math.max(1, ordinary);
  let next = 0;
  for (let i = 0; i < hostile.length; i++) {
    out.push(hostile[i] as Send);
    if (next < ordinary && i + 1 >= (next + 1) * every) {
      const r = random();
      out.push({
        ...pageview({
          path: ORDINARY_PATHS[next % ORDINARY_PATHS.length] as string,
          unique: r < 0.6,
          ...(r < 0.3 ? { referrer: 'https://news.ycombinator.com/item?id=1' } : {}),
        }),
        userAgent: weighted(random, HUMAN_UAS),
        ordinary: true,
      });
      next++;
    }
  }
  const gap = options.gapMs ?? 5;
  return out.map((s, i) => ({ ...s, time: options.start + i * gap }));
}
