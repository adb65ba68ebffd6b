// End to end through `pnpm dev` (startStack, port 0): an admin adds a site through the API and its events are
// accepted within 60 s with no restart; a viewer granted only that site is refused the other one and sees one
// site in the dashboard; a share link opens the read-only dashboard in Chromium with no sign-in, can call
// nothing but its own site's reports, and stops working once deleted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { addUser } from '@footfall/store';
import { hashPassword } from '@footfall/tokens';
import type { Browser } from 'playwright-core';
import { type Stack, startStack } from '../../src/startStack';
import { DESKTOP_CHROME_UA, launchChromium } from '../helpers/browser';
import { pollUntil, signIn } from '../helpers/reporting';

jest.setTimeout(180_000);

const BLOG = 'blog.localhost';
const VIEWER_PASSWORD = 'a viewer passphrase, long enough';

let dataDir: string;
let browser: Browser;
let stack: Stack;
let adminToken: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'devstack-sites-'));
  browser = await launchChromium();
  stack = await startStack({
    dataDir,
    port: 0,
    dynamodbPort: 0,
    logLevel: 'warn',
    hotReload: false,
    output: () => undefined,
  });
  adminToken = await signIn(stack.urls.api, 'admin', stack.adminPassword);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const call = (path: string, init: { method?: string; token?: string; share?: string; body?: unknown } = {}) =>
  fetch(`${stack.urls.api}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.share ? { authorization: `Share ${init.share}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

const pageview = (site: string) =>
  call('/api/event', {
    method: 'POST',
    body: { type: 'pageview', id: crypto.randomUUID(), site, path: '/hello' },
  });

const today = new Date().toISOString().slice(0, 10);
const report = (site: string) => `/api/stats/timeseries?site=${site}&from=${today}&to=${today}`;

describe('sites, roles and share links through pnpm dev', () => {
  it('accepts events for a site an admin adds through the API within 60 s, with no restart', async () => {
    // Prepare
    const before = await pageview(BLOG);

    // Act
    const added = await call('/api/sites', { method: 'POST', token: adminToken, body: { host: BLOG } });
    const started = Date.now();
    const accepted = await pollUntil(
      async () => (await pageview(BLOG)).status,
      (s) => s === 202,
      61_000,
    );

    // Assess
    expect(before.status).toBe(403);
    expect(added.status).toBe(201);
    expect(accepted).toBe(202);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('refuses a viewer granted only blog.localhost the other site, and shows it one site in the dashboard', async () => {
    // Prepare: a viewer, written as `footfall user add vera --role viewer --sites blog.localhost` does
    const dynamodb = new DynamoDBClient({
      endpoint: stack.urls.dynamodb,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await addUser(
      { dynamodb, tableName: 'footfall' },
      {
        username: 'vera',
        passwordHash: await hashPassword(VIEWER_PASSWORD),
        createdAt: Date.now(),
        sessionEpoch: 0,
        role: 'viewer',
        sites: [BLOG],
      },
    );
    dynamodb.destroy();
    const token = await signIn(stack.urls.api, 'vera', VIEWER_PASSWORD);

    // Act
    const other = await call(report('localhost'), { token });
    const own = await call(report(BLOG), { token });
    const addSite = await call('/api/sites', { method: 'POST', token, body: { host: 'evil.localhost' } });
    const context = await browser.newContext({ userAgent: DESKTOP_CHROME_UA });
    const page = await context.newPage();
    await page.goto(stack.urls.dashboard);
    await page.getByLabel('Username').fill('vera');
    await page.getByLabel('Password').fill(VIEWER_PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await page.waitForSelector('select[name="site"] option', { state: 'attached' });
    const options = await page.$$eval('select[name="site"] option', (els) =>
      els.map((e) => e.getAttribute('value')),
    );
    const adminVisible = await page.isVisible('button.admin-link');
    await context.close();

    // Assess
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('site_forbidden');
    expect(own.status).toBe(200);
    expect(addSite.status).toBe(403);
    expect(options).toEqual([BLOG]);
    expect(adminVisible).toBe(false);
  });

  it('opens a share link read-only in Chromium with no sign-in, nothing else callable, and 404 once deleted', async () => {
    // Prepare
    const created = await call(`/api/sites/${BLOG}/shares`, { method: 'POST', token: adminToken, body: {} });
    const link = (await created.json()) as { id: string; url: string };
    const context = await browser.newContext({ userAgent: DESKTOP_CHROME_UA });
    const page = await context.newPage();

    // Act
    const opened = await page.goto(link.url);
    await page.waitForSelector('select[name="site"] option', { state: 'attached' });
    const options = await page.$$eval('select[name="site"] option', (els) =>
      els.map((e) => e.getAttribute('value')),
    );
    const signinShown = await page.isVisible('input[name="password"]');
    const signOutShown = await page.isVisible('button.sign-out');
    const statuses = await page.evaluate(
      async ({ id, blog, day }) => {
        const as = { authorization: `Share ${id}` };
        const json = { ...as, 'content-type': 'application/json' };
        const status = async (path: string, init: RequestInit = {}) =>
          (await fetch(path, { ...init, headers: { ...as, ...(init.headers ?? {}) } })).status;
        return {
          ownReport: await status(`/api/stats/timeseries?site=${blog}&from=${day}&to=${day}`),
          otherSite: await status(`/api/stats/timeseries?site=localhost&from=${day}&to=${day}`),
          otherExport: await status(`/api/stats/export?site=localhost&from=${day}&to=${day}`),
          shares: await status(`/api/sites/${blog}/shares`),
          addSite: await status('/api/sites', {
            method: 'POST',
            headers: json,
            body: '{"host":"x.localhost"}',
          }),
          removeSite: await status(`/api/sites/${blog}`, { method: 'DELETE' }),
          newShare: await status(`/api/sites/${blog}/shares`, { method: 'POST', headers: json, body: '{}' }),
          legacy: await status('/api/views/week', {
            method: 'POST',
            headers: json,
            body: JSON.stringify({ token: id, path: 'site', year: 2026, week: 10, site: blog }),
          }),
        };
      },
      { id: link.id, blog: BLOG, day: today },
    );
    const deleted = await call(`/api/sites/${BLOG}/shares/${link.id}`, {
      method: 'DELETE',
      token: adminToken,
    });
    const gone = await pollUntil(
      async () => (await fetch(link.url)).status,
      (s) => s === 404,
      61_000,
    );
    const callGone = await call(report(BLOG), { share: link.id });
    await context.close();

    // Assess
    expect(created.status).toBe(201);
    expect(opened?.status()).toBe(200);
    expect(options).toEqual([BLOG]);
    expect(signinShown).toBe(false);
    expect(signOutShown).toBe(false);
    expect(statuses).toEqual({
      ownReport: 200,
      otherSite: 403,
      otherExport: 403,
      shares: 401,
      addSite: 401,
      removeSite: 401,
      newShare: 401,
      legacy: 401,
    });
    expect(deleted.status).toBe(204);
    expect(gone).toBe(404);
    expect(callGone.status).toBe(401);
  });

  it('gives an admin the admin page in Chromium: the snippet per site, goals, share links and users, with no CSP violation', async () => {
    // Prepare
    const context = await browser.newContext({ userAgent: DESKTOP_CHROME_UA });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(stack.urls.dashboard);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(stack.adminPassword);
    await page.getByLabel('Password').press('Enter');

    // Removing a goal and revoking a link ask first; the admin says yes.
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    const blog = `section.admin-site[data-site="${BLOG}"]`;
    const goalsOf = async () => {
      const day = new Date().toISOString().slice(0, 10);
      const res = await call(`/api/stats/goals?site=${BLOG}&from=${day}&to=${day}`, { token: adminToken });
      return ((await res.json()) as { goals: { kind: string; match: string }[] }).goals;
    };

    // Act
    await page.click('button.admin-link');
    await page.waitForSelector(blog);
    const snippet = await page.inputValue(`${blog} input.snippet`);
    await page.getByLabel(`New goal for ${BLOG}`).fill('/pricing');
    await page.getByLabel(`Goal kind for ${BLOG}`).selectOption('page');
    await page.click(`${blog} form.add-goal button[type="submit"]`);
    await page.waitForSelector(`${blog} li.goal`);
    const goalShown = await page.textContent(`${blog} li.goal`);
    const goalsAdded = await goalsOf();
    await page.click(`${blog} button.remove-goal`);
    await page.waitForFunction((s) => !document.querySelector(`${s} li.goal`), blog);
    const goalsRemoved = await goalsOf();
    await page.getByLabel(`Share link expiry for ${BLOG}`).fill('2099-12-31');
    await page.click(`${blog} button.create-share`);
    await page.waitForSelector(`${blog} input.share-url`);
    const shareUrl = await page.inputValue(`${blog} input.share-url`);
    const expiryShown = await page.textContent(`${blog} .share-expiry`);
    const shared = await fetch(shareUrl);
    await page.getByLabel('New user name').fill('walt');
    await page.getByLabel('New user role').selectOption('viewer');
    await page.getByLabel('New user sites').fill(BLOG);
    await page.click('form.add-user button[type="submit"]');
    await page.waitForSelector('input.new-password');
    const password = await page.inputValue('input.new-password');
    const walt = await signIn(stack.urls.api, 'walt', password);
    const waltSites = (await (await call('/api/sites', { token: walt })).json()) as { sites: string[] };
    await page.click(`section.admin-site[data-site="${BLOG}"] button.revoke-share`);
    await page.waitForFunction(
      (blog) => !document.querySelector(`section.admin-site[data-site="${blog}"] input.share-url`),
      BLOG,
    );
    const revoked = await pollUntil(
      async () => (await fetch(shareUrl)).status,
      (s) => s === 404,
      61_000,
    );
    await context.close();

    // Assess
    expect(snippet).toBe(`<script defer src="${stack.urls.api}/beacon.js" data-site="${BLOG}"></script>`);
    expect(shareUrl).toMatch(/\/share\/[A-Za-z0-9_-]{24}$/);
    expect(shared.status).toBe(200);
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(waltSites.sites).toEqual([BLOG]);
    expect(revoked).toBe(404);
    expect(goalShown).toContain('/pricing');
    expect(goalsAdded).toEqual([expect.objectContaining({ kind: 'page', match: '/pricing' })]);
    expect(goalsRemoved).toEqual([]);
    expect(expiryShown).toContain('2099-12-31T23:59:59');
    expect(dialogs).toEqual([
      'Remove the goal /pricing? Its events stay counted.',
      'Revoke this share link? Whoever holds it loses access within a minute.',
    ]);
    expect(cspErrors).toEqual([]);
  });
});
