// Starts the real local stack (devstack's startStack: DynamoDB Local, api-fn from its bundle, the stream
// poller) for the end-to-end test, and feeds it page views the way the beacon sends them.
//
// devstack depends on this package (api-fn serves the dashboard's build), so this package cannot depend on
// devstack in return: turbo rejects the cycle. The stack is therefore loaded from its source path, and
// packages/dashboard/turbo.json makes `test` wait for the api-fn and stream-trigger-fn bundles it runs.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Stack, StackOptions } from '../../../devstack/src/startStack';

export type { Stack };

/** Starts the stack with the given options. */
export async function startRealStack(options: StackOptions): Promise<Stack> {
  const devstack: typeof import('../../../devstack/src/startStack') = await import(
    resolve(__dirname, '../../../devstack/src/startStack')
  );
  return devstack.startStack(options);
}

/** User agents as browsers send them (headless Chromium's own is rightly counted as a bot). */
export const USER_AGENTS = {
  desktop:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
  phone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  bot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
};

/** One visit to send: a page view and, optionally, its engagement. */
export interface Visit {
  site: string;
  path: string;
  ua: keyof typeof USER_AGENTS;
  unique?: boolean;
  referrer?: string;
  tz?: string;
  utm?: { source?: string; campaign?: string };
  engagement?: { duration: number; scroll: number };
}

async function post(apiUrl: string, body: object, ua: string): Promise<void> {
  // text/plain, as navigator.sendBeacon sends it.
  const res = await fetch(`${apiUrl}/api/event`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': ua },
    body: JSON.stringify(body),
  });
  if (res.status !== 202) throw new Error(`POST /api/event answered ${res.status}: ${await res.text()}`);
}

/** Sends each visit's page view (and engagement) to the stack's ingest route. */
export async function sendVisits(apiUrl: string, visits: Visit[]): Promise<void> {
  for (const v of visits) {
    const id = randomUUID();
    const ua = USER_AGENTS[v.ua];
    await post(
      apiUrl,
      {
        type: 'pageview',
        id,
        site: v.site,
        path: v.path,
        unique: v.unique ?? false,
        tz: v.tz ?? 'Europe/Berlin',
        lang: 'en-US',
        screen: [1920, 1080],
        viewport: [1280, 800],
        ...(v.referrer ? { referrer: v.referrer } : {}),
        ...(v.utm ? { utm: v.utm } : {}),
      },
      ua,
    );
    if (v.engagement)
      await post(apiUrl, { type: 'engagement', id, site: v.site, path: v.path, ...v.engagement }, ua);
  }
}

/** Calls `read` until `done` accepts its value or the time is up; returns the last value either way. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    value = await read();
  }
  return value;
}
