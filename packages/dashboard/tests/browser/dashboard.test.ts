// The dashboard in real Chromium against the fake API (real HTTP, canned data): sign-in, view changes,
// page filter, export, expiry, errors, empty states, layout stability and phone width.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, todayIn } from '../../src/days';
import { EMPTY_SITE } from '../fixtures/cannedData';
import { type BuiltDashboard, buildDashboard } from '../helpers/buildDashboard';
import { launchChromium } from '../helpers/chromium';
import {
  andWaitForData,
  expectShownNumbersEqualApi,
  lastRequest,
  readTotals,
  signIn,
  tokenOf,
  waitForData,
  watchApiRequests,
} from '../helpers/dashboardUi';
import { FAKE_USER, type FakeApi, startFakeApi } from '../helpers/fakeApi';

// The longest journey makes ~40 requests through Chromium; 5 s is too little on a shared two-core machine.
jest.setTimeout(30_000);

const ARTIFACTS = resolve(__dirname, '../../test-results');
const ZONE = 'Europe/Paris';

let built: BuiltDashboard;
let fake: FakeApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let requests: string[];

beforeAll(async () => {
  built = buildDashboard();
  fake = await startFakeApi(built.dir);
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await fake?.close();
  rmSync(built.dir, { recursive: true, force: true });
});

beforeEach(async () => {
  context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: ZONE,
  });
  page = await context.newPage();
  requests = watchApiRequests(page);
});

afterEach(async () => {
  await context.close();
});

async function openSignedIn(hash = ''): Promise<void> {
  await page.goto(`${fake.url}/dashboard/${hash}`);
  await andWaitForData(page, () => signIn(page, FAKE_USER.username, FAKE_USER.password));
}

describe('dashboard against the fake API', () => {
  it('signs in with the keyboard, keeps the token in sessionStorage only, and shows the API numbers', async () => {
    // Prepare
    await page.goto(`${fake.url}/dashboard`);
    await expect(page.getByLabel('Username').evaluate((el) => el === document.activeElement)).resolves.toBe(
      true,
    );

    // Act: a wrong password first, then the right one.
    await signIn(page, FAKE_USER.username, 'wrong');
    await page.getByText('Wrong username or password.').waitFor();
    await andWaitForData(page, () => signIn(page, FAKE_USER.username, FAKE_USER.password));

    // Assess
    const today = todayIn(ZONE, new Date());
    expect(new URL(page.url()).hash).toBe(`#site=example.com&period=7d&tz=Europe%2FParis`);
    const series = lastRequest(requests, '/api/stats/timeseries').searchParams;
    expect(Object.fromEntries(series)).toEqual({
      site: 'example.com',
      from: addDays(today, -6),
      to: today,
      interval: 'day',
      tz: ZONE,
    });
    await expectShownNumbersEqualApi(page, requests);
    expect(await page.evaluate(() => [localStorage.length, document.cookie])).toEqual([0, '']);
    expect(await context.cookies()).toEqual([]);
    const token = await tokenOf(page);
    const sent = fake.requests.filter((r) => r.path.startsWith('/api/stats/'));
    expect(sent.length).toBeGreaterThan(0);
    for (const r of sent) expect(r.authorization).toBe(`Bearer ${token}`);
    expect(
      await page.getByRole('img', { name: /Chart of views and visitors/ }).getAttribute('aria-label'),
    ).toContain(
      `${Number(await page.textContent('dd[data-total="views"]').then((t) => (t ?? '').replace(/,/g, ''))).toLocaleString('en-US')} views`,
    );
  });

  it('switches period, interval, time zone and site, and a reload keeps the view', async () => {
    // Prepare
    await openSignedIn();

    // Act / Assess: period
    await andWaitForData(page, () => page.getByLabel('Period').selectOption('30d'));
    const today = todayIn(ZONE, new Date());
    let q = lastRequest(requests, '/api/stats/timeseries').searchParams;
    expect([q.get('from'), q.get('to'), q.get('interval')]).toEqual([addDays(today, -29), today, 'day']);
    await expectShownNumbersEqualApi(page, requests);

    // Act / Assess: interval
    await andWaitForData(page, () => page.getByLabel('Interval').selectOption('week'));
    expect(lastRequest(requests, '/api/stats/timeseries').searchParams.get('interval')).toBe('week');

    // Act / Assess: an unknown zone is refused in words, a known one applies
    await page.getByLabel('Time zone').fill('Mars/Olympus');
    await page.getByLabel('Time zone').press('Tab');
    await page.getByText('“Mars/Olympus” is not a time zone this browser knows.', { exact: false }).waitFor();
    await andWaitForData(page, async () => {
      await page.getByLabel('Time zone').fill('Asia/Tokyo');
      await page.getByLabel('Time zone').press('Tab');
    });
    q = lastRequest(requests, '/api/stats/timeseries').searchParams;
    expect(q.get('tz')).toBe('Asia/Tokyo');
    expect(q.get('to')).toBe(todayIn('Asia/Tokyo', new Date()));

    // Act / Assess: site
    await andWaitForData(page, () => page.getByLabel('Site').selectOption('blog.example.com'));
    expect(lastRequest(requests, '/api/stats/breakdown').searchParams.get('site')).toBe('blog.example.com');
    await expectShownNumbersEqualApi(page, requests);

    // Act / Assess: reload keeps the session and the view
    const hash = new URL(page.url()).hash;
    expect(hash).toBe('#site=blog.example.com&period=30d&tz=Asia%2FTokyo&interval=week');
    await andWaitForData(page, () => page.reload());
    expect(new URL(page.url()).hash).toBe(hash);
    expect(await page.getByLabel('Site').inputValue()).toBe('blog.example.com');
    expect(await page.getByLabel('Period').inputValue()).toBe('30d');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');
    expect(await page.getByLabel('Interval').inputValue()).toBe('week');

    // Act / Assess: a custom range
    await page.getByLabel('Period').selectOption('custom');
    await waitForData(page);
    await page.getByLabel('From', { exact: true }).fill('2026-10-01');
    await andWaitForData(page, () => page.getByLabel('To', { exact: true }).fill('2026-10-03'));
    q = lastRequest(requests, '/api/stats/timeseries').searchParams;
    expect([q.get('from'), q.get('to'), q.get('interval')]).toEqual(['2026-10-01', '2026-10-03', 'day']);
    await page.getByLabel('From', { exact: true }).fill('2026-10-05');
    await page.getByText('The start date must not be after the end date.').waitFor();
  });

  it('filters the chart by a clicked page, keeps breakdowns site-wide, and removes the filter', async () => {
    // Prepare
    await openSignedIn();
    const pages = page.locator('section[data-dimension="page"]');

    // Act
    await andWaitForData(page, () => pages.getByRole('button', { name: '/pricing', exact: true }).click());

    // Assess
    await page.getByText('Page: /pricing').waitFor();
    await page.getByText('Breakdowns show the whole site.').waitFor();
    expect(new URL(page.url()).hash).toContain('path=%2Fpricing');
    expect(
      lastRequest(requests, '/api/stats/timeseries', (q) => q.has('path')).searchParams.get('path'),
    ).toBe('/pricing');
    const breakdowns = fake.requests.filter((r) => r.path === '/api/stats/breakdown');
    expect(breakdowns.every((r) => !r.query.has('path'))).toBe(true);
    expect(
      await pages.getByRole('button', { name: '/pricing', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    await expectShownNumbersEqualApi(page, requests, '/pricing');

    // Act / Assess: Back returns to all pages (the hash is the history)
    await andWaitForData(page, () => page.goBack());
    expect(await page.getByText('Page: /pricing').count()).toBe(0);

    // Act / Assess: filter again, then remove it from the chip with the keyboard
    await andWaitForData(page, () => pages.getByRole('button', { name: '/about', exact: true }).click());
    await page.getByRole('button', { name: 'Remove page filter' }).focus();
    await andWaitForData(page, () => page.keyboard.press('Enter'));
    expect(await page.getByText('All pages').isVisible()).toBe(true);
    expect(lastRequest(requests, '/api/stats/timeseries').searchParams.has('path')).toBe(false);
    await expectShownNumbersEqualApi(page, requests);
  });

  it('exports the CSV through the token-carrying request', async () => {
    // Prepare
    await openSignedIn();

    // Act
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;

    // Assess
    const exportUrl = lastRequest(requests, '/api/stats/export');
    const expected = await (
      await fetch(exportUrl, { headers: { authorization: `Bearer ${await tokenOf(page)}` } })
    ).text();
    expect(file.suggestedFilename()).toBe(
      `example.com-${exportUrl.searchParams.get('from')}-${exportUrl.searchParams.get('to')}.csv`,
    );
    expect(readFileSync(await file.path(), 'utf8')).toBe(expected);
    expect(expected.split('\n')[0]).toBe('date,path,views,visitors');
  });

  it('sends the user back to sign in when the session expires, and signs out', async () => {
    // Prepare
    await openSignedIn('#period=30d');

    // Act
    fake.expireSessions();
    await page.getByLabel('Period').selectOption('month');

    // Assess
    await page.getByText('Your session expired — sign in again.').waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    // Act / Assess: signing in again returns to the same view
    await andWaitForData(page, () => signIn(page, FAKE_USER.username, FAKE_USER.password));
    expect(await page.getByLabel('Period').inputValue()).toBe('month');

    // Act / Assess: sign out
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('shows API errors in words, and empty states', async () => {
    // Prepare
    await openSignedIn();
    fake.failNext({
      path: '/api/stats/breakdown',
      when: (q) => q.get('dimension') === 'referrer',
      status: 503,
      code: 'throttled',
      message: 'The table is busy; try again in a moment.',
    });
    fake.failNext({
      path: '/api/stats/timeseries',
      status: 400,
      code: 'invalid_timezone',
      message: 'tz: "Europe/Paris" is not an IANA time zone',
    });

    // Act
    await andWaitForData(page, () => page.getByLabel('Period').selectOption('today'));

    // Assess
    await page
      .getByText('The chart could not be loaded: tz: "Europe/Paris" is not an IANA time zone')
      .waitFor();
    await page
      .locator('section[data-dimension="referrer"]')
      .getByText('The table is busy; try again in a moment.')
      .waitFor();
    expect(await readTotals(page)).toMatchObject({ views: '–', visitors: '–' });

    // Act: a site nobody visited
    await andWaitForData(page, () => page.getByLabel('Site').selectOption(EMPTY_SITE));

    // Assess
    await page.getByText('No views in this period.').waitFor();
    expect(await page.getByText('No data for this period.').count()).toBe(8);
    expect(await readTotals(page)).toMatchObject({ views: '0', avgDuration: '0:00' });
  });

  it('refuses a sixth failed sign-in with the wait the server asks for', async () => {
    // Prepare: a fake of its own, since this one stays locked.
    const locked = await startFakeApi(built.dir);
    try {
      await page.goto(`${locked.url}/dashboard/`);

      // Act
      for (let i = 0; i < 5; i++) {
        await signIn(page, FAKE_USER.username, `wrong-${i}`);
        await page.getByRole('button', { name: 'Sign in' }).waitFor();
      }
      await signIn(page, FAKE_USER.username, FAKE_USER.password);

      // Assess
      await page.getByText('Too many failed sign-ins; try again later. (Wait about 15 minutes.)').waitFor();
    } finally {
      await locked.close();
    }
  });

  it('keeps every panel in place while data loads', async () => {
    // Prepare: signed in, then a reload whose data is held back.
    await openSignedIn();
    const release = fake.hold();
    await page.reload();
    await page.getByText('Loading…').first().waitFor();
    const boxes = () =>
      page.$$eval('.tile, .chart-panel, .table-panel', (els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
        }),
      );
    await page.evaluate(() => {
      (window as unknown as { cls: number }).cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
          if (!e.hadRecentInput) (window as unknown as { cls: number }).cls += e.value;
      }).observe({ type: 'layout-shift', buffered: false });
    });
    const loading = await boxes();

    // Act
    release();
    await waitForData(page);

    // Assess
    expect(await boxes()).toEqual(loading);
    expect(await page.evaluate(() => (window as unknown as { cls: number }).cls)).toBeLessThan(0.01);
  });

  it('fits a phone screen in one column, and saves screenshots at both widths', async () => {
    // Prepare
    await openSignedIn('#period=30d');
    await page.screenshot({ path: join(ARTIFACTS, 'fake-desktop-1280x800.png'), fullPage: true });

    // Act
    await page.setViewportSize({ width: 375, height: 740 });
    // uPlot follows the new width through a ResizeObserver, a frame later.
    await page.waitForFunction(
      () => (document.querySelector('.chart canvas')?.getBoundingClientRect().width ?? 999) <= 375,
    );

    // Assess
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      tableX: [...document.querySelectorAll('.table-panel')].map((el) => el.getBoundingClientRect().x),
      chartWidth: document.querySelector('.chart canvas')?.getBoundingClientRect().width ?? 0,
    }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(375);
    expect(new Set(layout.tableX).size).toBe(1);
    expect(layout.chartWidth).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(ARTIFACTS, 'fake-phone-375x740.png'), fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, 'fake-phone-375x740-viewport.png') });
  });
});
