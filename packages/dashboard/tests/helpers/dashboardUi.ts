// Drives and reads the dashboard in a Playwright page: sign in, wait for data, read the numbers on screen,
// and fetch the same API answers the page got, to compare them.
import type { BreakdownResponse, TimeseriesResponse } from '@footfall/core-model/schemas';
import type { Page } from 'playwright-core';
import { type Dimension, TABLES } from '../../src/dimensions';
import { formatDuration, formatPercent } from '../../src/format';

/** Every API URL a page requested, in order (the page records them from the moment it is watched). */
export function watchApiRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) urls.push(r.url());
  });
  return urls;
}

/** Waits until nothing on the page is loading. */
export async function waitForData(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, {
    timeout: 15_000,
  });
}

/** Runs an action that changes the view and waits for the data it loads. */
export async function andWaitForData(page: Page, action: () => Promise<unknown>): Promise<void> {
  const loaded = page.waitForResponse((r) => r.url().includes('/api/stats/timeseries'), { timeout: 15_000 });
  await action();
  await loaded;
  await waitForData(page);
}

/** Signs in through the form, with the keyboard only. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
}

/** The session token the page holds. */
export async function tokenOf(page: Page): Promise<string> {
  const raw = await page.evaluate(() => sessionStorage.getItem('footfall.session'));
  const token = raw ? (JSON.parse(raw) as { token?: unknown }).token : undefined;
  if (typeof token !== 'string') throw new Error('the page holds no session');
  return token;
}

/** A count as shown (`12,345`) as a number. */
export const parseCount = (text: string): number => Number(text.replace(/[^\d]/g, ''));

/** The totals row as shown. */
export async function readTotals(page: Page): Promise<Record<string, string>> {
  return page.$$eval('dd[data-total]', (els) =>
    Object.fromEntries(els.map((el) => [el.getAttribute('data-total') ?? '', el.textContent ?? ''])),
  );
}

/** The rows of one table as shown: the raw value (data-value), views, visitors and share text. */
export async function readTable(
  page: Page,
  dimension: Dimension,
): Promise<{ value: string; label: string; views: number; visitors: number; share: string }[]> {
  const rows = await page.$$eval(`section[data-dimension="${dimension}"] tbody tr[data-value]`, (trs) =>
    trs.map((tr) => ({
      value: tr.getAttribute('data-value') ?? '',
      label: tr.querySelector('.label')?.textContent ?? '',
      views: tr.querySelector('[data-col="views"]')?.textContent ?? '',
      visitors: tr.querySelector('[data-col="visitors"]')?.textContent ?? '',
      share: tr.querySelector('.share')?.textContent ?? '',
    })),
  );
  return rows.map((r) => ({ ...r, views: parseCount(r.views), visitors: parseCount(r.visitors) }));
}

/** The last requested API URL for a route whose query passes `when`. */
export function lastRequest(
  urls: string[],
  route: string,
  when: (q: URLSearchParams) => boolean = () => true,
): URL {
  for (let i = urls.length - 1; i >= 0; i--) {
    const url = new URL(urls[i] ?? '');
    if (url.pathname === route && when(url.searchParams)) return url;
  }
  throw new Error(`no request to ${route}`);
}

/** Fetches an API URL from the test, with the page's token: the answer the numbers must equal. */
export async function apiAnswer<T = TimeseriesResponse | BreakdownResponse>(
  url: URL,
  token: string,
): Promise<T> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${url.pathname} answered ${res.status}`);
  return (await res.json()) as T;
}

/**
 * Checks the totals and every table on screen against the API's answers to the page's own last requests
 * (fetched again from the test), and each share against the site's total views. `path` is the page filter.
 */
export async function expectShownNumbersEqualApi(
  page: Page,
  requests: string[],
  path?: string,
): Promise<void> {
  const token = await tokenOf(page);
  const seriesUrl = lastRequest(
    requests,
    '/api/stats/timeseries',
    (q) => (q.get('path') ?? undefined) === path,
  );
  const series = await apiAnswer<TimeseriesResponse>(seriesUrl, token);
  expect(await readTotals(page)).toEqual({
    views: series.totals.views.toLocaleString('en-US'),
    visitors: series.totals.visitors.toLocaleString('en-US'),
    avgDuration: formatDuration(series.totals.avgDuration),
    avgScroll: formatPercent(series.totals.avgScroll, 'en-US'),
    bots: series.totals.bots.toLocaleString('en-US'),
  });
  const siteUrl = lastRequest(requests, '/api/stats/timeseries', (q) => !q.has('path'));
  const siteViews = (await apiAnswer<TimeseriesResponse>(siteUrl, token)).totals.views;
  for (const { dimension } of TABLES) {
    const url = lastRequest(requests, '/api/stats/breakdown', (q) => q.get('dimension') === dimension);
    const answer = await apiAnswer<BreakdownResponse>(url, token);
    const shown = await readTable(page, dimension);
    expect(shown.map(({ value, views, visitors }) => ({ value, views, visitors }))).toEqual(
      answer.rows.slice(0, 10),
    );
    for (const row of shown)
      expect(row.share).toBe(formatPercent(Math.min(100, (row.views / siteViews) * 100), 'en-US'));
  }
}

/** Reads a value until `done` accepts it or `timeoutMs` passes; returns the last value either way. */
export async function eventually<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}
