// The realtime view, the comparison with the previous period and the auto-refresh, in real Chromium against the
// fake API. Time is Playwright's clock (15 s and 60 s pass in an instant); visibility is switched as a change
// of tab would switch it.
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TimeseriesResponse } from '@footfall/core-model/schemas';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { changeBetween, formatChange } from '../../src/change';
import { PREVIOUS_COLOR } from '../../src/chartView';
import { addDays, todayIn } from '../../src/days';
import { formatDayRange } from '../../src/format';
import { EMPTY_SITE } from '../fixtures/cannedData';
import { type BuiltDashboard, buildDashboard } from '../helpers/buildDashboard';
import { launchChromium } from '../helpers/chromium';
import {
  andWaitForData,
  apiAnswer,
  eventually,
  lastRequest,
  readTotals,
  signIn,
  tokenOf,
  waitForData,
  watchApiRequests,
} from '../helpers/dashboardUi';
import { FAKE_USER, type FakeApi, startFakeApi } from '../helpers/fakeApi';
import { controlVisibility, type PageVisibility } from '../helpers/pageVisibility';

// A guard against a hung browser, not a speed check: a busy CI machine takes well over 5 s for one of these.
jest.setTimeout(30_000);

const ARTIFACTS = resolve(__dirname, '../../test-results');
const ZONE = 'Europe/Paris';
const SITE = 'example.com';

let built: BuiltDashboard;
let fake: FakeApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let tab: PageVisibility;
let requests: string[];

beforeAll(async () => {
  built = buildDashboard();
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(built.dir, { recursive: true, force: true });
});

beforeEach(async () => {
  // A fake of its own per test: each one sets its own realtime figures and launch days.
  fake = await startFakeApi(built.dir);
  context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: ZONE,
  });
  page = await context.newPage();
  requests = watchApiRequests(page);
  tab = await controlVisibility(page);
  // Fake timers that still follow real time; fastForward jumps ahead as if a tab had been left open.
  await page.clock.install();
});

afterEach(async () => {
  await context.close();
  await fake.close();
});

async function openSignedIn(hash = ''): Promise<void> {
  await page.goto(`${fake.url}/dashboard/${hash}`);
  await andWaitForData(page, () => signIn(page, FAKE_USER.username, FAKE_USER.password));
}

const count = (route: string) => fake.requests.filter((r) => r.path === route).length;
const liveCount = () => page.locator('.live-count');

/** The rows of one realtime list as shown. */
async function realtimeRows(title: string): Promise<{ value: string; views: string }[]> {
  return page
    .getByRole('region', { name: title })
    .locator('tbody tr[data-value]')
    .evaluateAll((trs) =>
      trs.map((tr) => ({
        value: tr.getAttribute('data-value') ?? '',
        views: tr.querySelector('[data-col="views"]')?.textContent ?? '',
      })),
    );
}

/** The changes shown beside the totals, by tile (hidden ones left out). */
async function readDeltas(): Promise<Record<string, string>> {
  return page.$$eval('dd[data-delta]', (els) =>
    Object.fromEntries(
      els
        .filter((el) => !(el as HTMLElement).hidden)
        .map((el) => [
          el.getAttribute('data-delta') ?? '',
          el.querySelector('[aria-hidden]')?.textContent ?? '',
        ]),
    ),
  );
}

/** Pixels of the chart's canvas drawn in (about) the previous period's colour. */
async function previousLinePixels(): Promise<number> {
  return page.evaluate((hex) => {
    const canvas = document.querySelector<HTMLCanvasElement>('.chart canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return -1;
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4)
      if (
        Math.abs((data[i] ?? 0) - (r ?? 0)) < 12 &&
        Math.abs((data[i + 1] ?? 0) - (g ?? 0)) < 12 &&
        Math.abs((data[i + 2] ?? 0) - (b ?? 0)) < 12 &&
        (data[i + 3] ?? 0) > 200
      )
        n++;
    return n;
  }, PREVIOUS_COLOR);
}

describe('realtime view', () => {
  it('shows the live count and the top pages and referrers of the last 5 minutes, announced politely', async () => {
    // Prepare
    await openSignedIn();

    // Act
    await liveCount().getByText('3 visitors in the last 5 minutes').waitFor();
    const toggle = page.getByRole('button', { name: 'Show pages and referrers' });
    await toggle.click();

    // Assess
    expect(await liveCount().getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('.live-dot').getAttribute('class')).toContain('on');
    expect(await page.locator('.live-views').textContent()).toBe('7 views');
    expect(
      await page.getByRole('button', { name: 'Hide pages and referrers' }).getAttribute('aria-expanded'),
    ).toBe('true');
    expect(await realtimeRows('Top pages')).toEqual([
      { value: '/', views: '3' },
      { value: '/pricing', views: '2' },
      { value: '/blog/hello-world', views: '1' },
      { value: '(other)', views: '1' },
    ]);
    expect(await realtimeRows('Top referrers')).toEqual([
      { value: 'news.ycombinator.com', views: '2' },
      { value: 'duckduckgo.com', views: '1' },
    ]);
    expect(lastRequest(requests, '/api/stats/realtime').searchParams.get('site')).toBe(SITE);
  });

  it('refreshes every 15 s while the tab is visible, stops while it is hidden, and catches up when shown', async () => {
    // Prepare
    await openSignedIn();
    await liveCount().getByText('3 visitors in the last 5 minutes').waitFor();
    await page.getByRole('button', { name: 'Show pages and referrers' }).click();
    const first = count('/api/stats/realtime');

    // Act / Assess: visitors arrive; 15 s later the page shows them, without a reload
    fake.setRealtime(SITE, { visitors: 4, views: 9, pages: [{ value: '/launch', views: 9 }] });
    await page.clock.fastForward(15_000);
    await liveCount().getByText('4 visitors in the last 5 minutes').waitFor();
    expect(await realtimeRows('Top pages')).toEqual([{ value: '/launch', views: '9' }]);
    expect(count('/api/stats/realtime')).toBe(first + 1);

    // Act / Assess: hidden for two minutes, nothing is asked (neither realtime nor the figures)
    await tab.hide();
    const hidden = fake.requests.length;
    fake.setRealtime(SITE, { visitors: 6 });
    for (let i = 0; i < 8; i++) await page.clock.fastForward(15_000);
    await page.waitForTimeout(300);
    expect(fake.requests.slice(hidden).map((r) => r.path)).toEqual([]);
    expect(await liveCount().textContent()).toBe('4 visitors in the last 5 minutes');

    // Act / Assess: shown again, both are due and asked at once
    await tab.show();
    await liveCount().getByText('6 visitors in the last 5 minutes').waitFor();
    const asked = await eventually(
      () => fake.requests.slice(hidden).map((r) => r.path),
      (paths) => paths.includes('/api/stats/timeseries'),
    );
    expect(asked).toContain('/api/stats/realtime');
    expect(asked).toContain('/api/stats/timeseries');

    // Act / Assess: and then every 15 s again
    const afterReturn = count('/api/stats/realtime');
    await page.clock.fastForward(15_000);
    expect(
      await eventually(
        () => count('/api/stats/realtime'),
        (n) => n > afterReturn,
      ),
    ).toBe(afterReturn + 1);
  });

  it('follows the site picker at once, and says so when the realtime route fails', async () => {
    // Prepare
    await openSignedIn();
    await liveCount().getByText('3 visitors in the last 5 minutes').waitFor();

    // Act
    await andWaitForData(page, () => page.getByLabel('Site').selectOption(EMPTY_SITE));

    // Assess
    await liveCount().getByText('0 visitors in the last 5 minutes').waitFor();
    expect(lastRequest(requests, '/api/stats/realtime').searchParams.get('site')).toBe(EMPTY_SITE);
    await page.getByRole('button', { name: 'Show pages and referrers' }).click();
    await page
      .getByRole('region', { name: 'Top pages' })
      .getByText('No views in the last 5 minutes.')
      .waitFor();
    await page
      .getByRole('region', { name: 'Top referrers' })
      .getByText('No referrers in the last 5 minutes.')
      .waitFor();

    // Act: the next poll fails
    fake.failNext({
      path: '/api/stats/realtime',
      status: 503,
      code: 'throttled',
      message: 'The table is busy.',
    });
    await page.clock.fastForward(15_000);

    // Assess
    await liveCount().getByText('Realtime is unavailable: The table is busy.').waitFor();
    expect(await page.locator('.live-dot').getAttribute('class')).not.toContain('on');
  });
});

describe('auto-refresh', () => {
  it('reloads a period holding today every 60 s, in place: the numbers stay on screen until the new ones', async () => {
    // Prepare
    await openSignedIn('#period=7d');
    const before = await readTotals(page);
    const series = count('/api/stats/timeseries');
    const breakdowns = count('/api/stats/breakdown');

    // Act: views arrive, a minute passes; the answers are held to look at the page in between
    fake.addViews(SITE, 25);
    const release = fake.hold();
    await page.clock.fastForward(60_000);
    expect(
      await eventually(
        () => count('/api/stats/timeseries'),
        (n) => n > series,
      ),
    ).toBe(series + 1);
    const during = {
      totals: await readTotals(page),
      busy: await page.locator('[aria-busy="true"]').count(),
      skeletons: await page.locator('.skeleton').count(),
    };
    release();
    const grown = (Number(before.views?.replace(/,/g, '')) + 25).toLocaleString('en-US');
    expect(
      await eventually(
        async () => (await readTotals(page)).views,
        (v) => v === grown,
      ),
    ).toBe(grown);

    // Assess
    expect(during).toEqual({ totals: before, busy: 0, skeletons: 0 });
    // The eight tables and the Events panel's breakdown (dimension=event), each asked again once.
    expect(count('/api/stats/breakdown')).toBe(breakdowns + 9);
    expect(new URL(page.url()).hash).toBe('#site=example.com&period=7d&tz=Europe%2FParis');
  });

  it('leaves a period that is over alone', async () => {
    // Prepare
    await openSignedIn('#period=last-month');
    const series = count('/api/stats/timeseries');

    // Act
    await page.clock.fastForward(60_000);
    await page.clock.fastForward(60_000);
    await page.waitForTimeout(300);

    // Assess: only the realtime strip kept polling
    expect(count('/api/stats/timeseries')).toBe(series);
    expect(count('/api/stats/realtime')).toBeGreaterThan(1);
  });
});

describe('comparison with the previous period', () => {
  it('adds a change beside each total and a dashed line, from one control kept in the URL', async () => {
    // Prepare
    await openSignedIn('#period=7d');
    const compare = page.getByLabel('Compare with previous period');
    expect(await compare.isChecked()).toBe(false);
    expect(await readDeltas()).toEqual({});
    expect(await previousLinePixels()).toBe(0);

    // Act
    await andWaitForData(page, () => compare.check());

    // Assess: the request, the URL
    const url = lastRequest(requests, '/api/stats/timeseries');
    expect(url.searchParams.get('compare')).toBe('previous');
    expect(new URL(page.url()).hash).toBe('#site=example.com&period=7d&tz=Europe%2FParis&compare=previous');
    // …each delta is the API's previous totals against the current ones
    const answer = await apiAnswer<TimeseriesResponse>(url, await tokenOf(page));
    const previous = answer.previous;
    if (!previous) throw new Error('no previous period in the answer');
    const today = todayIn(ZONE, new Date());
    expect([previous.from, previous.to]).toEqual([addDays(today, -13), addDays(today, -7)]);
    const expected = Object.fromEntries(
      (['views', 'visitors', 'avgDuration', 'avgScroll', 'bots'] as const).map((key) => [
        key,
        formatChange(changeBetween(answer.totals[key], previous.totals[key]), 'en-US').text,
      ]),
    );
    expect(await readDeltas()).toEqual(expected);
    expect(Object.values(expected).every((text) => /^(▲|▼) (\d+|<1)%$|^= 0%$/.test(text))).toBe(true);
    expect(await page.locator('dd[data-delta="views"] .sr-only').textContent()).toMatch(
      /^(up|down) \d+% on the previous period \([\d,]+\)$/,
    );
    // …and the chart draws the previous period dashed, named in the legend and under the title
    expect(await page.locator('.u-legend').getByText('Views, previous period').count()).toBe(1);
    // (Node's and Chromium's ICU may differ in the spaces around the dash.)
    const spaces = (text: string | null) => (text ?? '').replace(/\s/g, ' ');
    expect(spaces(await page.locator('.chart-compared').textContent())).toBe(
      spaces(`Dashed: ${formatDayRange(previous.from, previous.to, 'en-US')}`),
    );
    expect(await previousLinePixels()).toBeGreaterThan(200);
    expect(await page.getByRole('img', { name: /Chart of views/ }).getAttribute('aria-label')).toContain(
      `dashed line: the previous period`,
    );

    // Act / Assess: a reload keeps it; unchecking removes line and deltas
    await andWaitForData(page, () => page.reload());
    expect(await page.getByLabel('Compare with previous period').isChecked()).toBe(true);
    expect(await readDeltas()).toEqual(expected);
    await andWaitForData(page, () => page.getByLabel('Compare with previous period').uncheck());
    expect(new URL(page.url()).hash).not.toContain('compare');
    expect(await readDeltas()).toEqual({});
    expect(await previousLinePixels()).toBe(0);
    expect(await page.locator('.u-legend').getByText('Views, previous period').count()).toBe(0);
  });

  it('says "new" when the previous period had nothing, and nothing when neither had anything', async () => {
    // Prepare: a site that got its first views three days ago
    const today = todayIn(ZONE, new Date());
    fake.launchSite('blog.example.com', addDays(today, -3));
    await openSignedIn('#site=blog.example.com&period=7d&compare=previous');

    // Assess: bots were there before too, so theirs is a percentage
    const deltas = await readDeltas();
    expect(deltas).toMatchObject({ views: 'new', visitors: 'new', avgDuration: 'new', avgScroll: 'new' });
    expect(deltas.bots).toMatch(/^(▲|▼|=) /);
    expect(await page.locator('dd[data-delta="views"] .sr-only').textContent()).toBe(
      'new: none in the previous period (0)',
    );

    // Act: a site nobody ever visited
    await andWaitForData(page, () => page.getByLabel('Site').selectOption(EMPTY_SITE));

    // Assess
    expect(new URL(page.url()).hash).toContain('compare=previous');
    expect(await readDeltas()).toEqual({});
    expect(await readTotals(page)).toMatchObject({ views: '0', visitors: '0' });
  });
});

describe('phone width', () => {
  it('fits 375 px with the realtime panel open and the comparison on, and saves screenshots', async () => {
    // Prepare
    await openSignedIn('#period=30d&compare=previous');
    await liveCount().getByText('3 visitors in the last 5 minutes').waitFor();
    await page.getByRole('button', { name: 'Show pages and referrers' }).click();
    await waitForData(page);
    await page.screenshot({
      path: join(ARTIFACTS, 'fake-live-compare-desktop-1280x800.png'),
      fullPage: true,
    });

    // Act
    await page.setViewportSize({ width: 375, height: 740 });
    await page.waitForFunction(
      () => (document.querySelector('.chart canvas')?.getBoundingClientRect().width ?? 999) <= 375,
    );

    // Assess
    const layout = await page.evaluate(() => {
      const box = (selector: string) => document.querySelector(selector)?.getBoundingClientRect();
      return {
        scrollWidth: document.documentElement.scrollWidth,
        liveRight: box('.live')?.right ?? 999,
        headlineCut: (() => {
          const el = document.querySelector('.live-count');
          return el ? el.scrollWidth > el.clientWidth : true;
        })(),
        deltaRight: Math.max(
          ...[...document.querySelectorAll('.tile')].map((el) => el.getBoundingClientRect().right),
        ),
        lists: [...document.querySelectorAll('.realtime-list')].map((el) => el.getBoundingClientRect().x),
      };
    });
    expect(layout.scrollWidth).toBeLessThanOrEqual(375);
    expect(layout.liveRight).toBeLessThanOrEqual(375);
    expect(layout.headlineCut).toBe(false);
    expect(layout.deltaRight).toBeLessThanOrEqual(375);
    expect(new Set(layout.lists).size).toBe(1);
    expect(await readDeltas()).toMatchObject({ views: expect.stringMatching(/^(▲|▼|=) /) });
    await page.screenshot({ path: join(ARTIFACTS, 'fake-live-compare-phone-375x740.png'), fullPage: true });
  });
});
