// Ingest against DynamoDB Local: the raw view items the beacon's and the original embed's requests leave.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DAY_MS, decodeRawView, viewKey } from '@footfall/core-model';
import { CHROME_UA, engagement, httpEvent, IPHONE_UA, pageview, SITE, VIEW_ID } from '@footfall/testing';
import { type TestApi, testApi } from '../helpers/api';
import { createTestTable, INTEGRATION_TIMEOUT_MS, scanAll, type TestTable } from '../helpers/localTable';

jest.setTimeout(INTEGRATION_TIMEOUT_MS);

// DynamoDB Local deletes items whose TTL has passed, so the clock here is the real one, fixed per test.
let T0: number;
let table: TestTable;
let api: TestApi;

beforeEach(async () => {
  table = await createTestTable({ prefix: 'api-ingest' });
  api = testApi(table.client, table.tableName);
  T0 = Date.now();
  api.clock.now = T0;
});

afterEach(async () => {
  await table.cleanup();
});

const send = (body: object, ua = CHROME_UA) =>
  api.handler(httpEvent({ method: 'POST', path: '/api/event', body, headers: { 'user-agent': ua } }));

async function storedView(id = VIEW_ID) {
  const out = await table.client.send(
    new GetItemCommand({ TableName: table.tableName, Key: viewKey(id), ConsistentRead: true }),
  );
  return out.Item ? decodeRawView(out.Item) : undefined;
}

describe('ingest into DynamoDB Local', () => {
  it('stores a pageview as one enriched raw view item with its TTL', async () => {
    // Act
    const response = await send(pageview());

    // Assess
    expect(response.statusCode).toBe(202);
    expect(await storedView()).toEqual({
      ok: true,
      value: {
        id: VIEW_ID,
        site: SITE,
        path: '/blog/hello',
        time: T0,
        unique: true,
        bot: false,
        browser: 'Chrome',
        os: 'Windows',
        device: 'desktop',
        country: 'DE',
        referrer: 'google.com',
        utmSource: 'newsletter',
        utmCampaign: 'spring',
        duration: undefined,
        scroll: undefined,
        expiresAt: Math.floor((T0 + 30 * DAY_MS) / 1000),
      },
    });
    expect(await scanAll(table.client, table.tableName)).toHaveLength(1);
  });

  it('counts a retried beacon once: the first write stays', async () => {
    // Prepare
    await send(pageview());
    api.clock.now = T0 + 5000;

    // Act
    const retry = await send(pageview({ path: '/changed' }));

    // Assess
    expect(retry.statusCode).toBe(202);
    const view = await storedView();
    expect(view?.ok && [view.value.path, view.value.time]).toEqual(['/blog/hello', T0]);
    expect(await scanAll(table.client, table.tableName)).toHaveLength(1);
  });

  it('keeps the largest duration and scroll reported, whatever order the reports arrive in', async () => {
    // Prepare
    await send(pageview());

    // Act: a later report can be larger, smaller, or larger in one value only.
    await send(engagement({ duration: 95, scroll: 40 }));
    await send(engagement({ duration: 10, scroll: 20 }));
    await send(engagement({ duration: 30, scroll: 100 }));

    // Assess
    const view = await storedView();
    expect(view?.ok && [view.value.duration, view.value.scroll]).toEqual([95, 100]);
  });

  it('keeps an engagement that arrives before its pageview, and the pageview joins it', async () => {
    // Act
    const early = await send(engagement({ duration: 42, scroll: 80 }));
    const waiting = await scanAll(table.client, table.tableName);
    const late = await send(pageview());

    // Assess: one item throughout, holding the whole view with its engagement once the pageview came.
    expect([early.statusCode, late.statusCode]).toEqual([202, 202]);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.ExpiresAt?.N).toBe(String(Math.floor((T0 + DAY_MS) / 1000)));
    expect(await storedView()).toEqual({
      ok: true,
      value: expect.objectContaining({
        path: '/blog/hello',
        time: T0,
        duration: 42,
        scroll: 80,
        expiresAt: Math.floor((T0 + 30 * DAY_MS) / 1000),
      }),
    });
    expect(await scanAll(table.client, table.tableName)).toHaveLength(1);
  });

  it("records the original embed's pixel and append requests", async () => {
    // Prepare
    const pixel = httpEvent({
      method: 'GET',
      path: '/pv.gif',
      query: {
        uuid: VIEW_ID,
        path: '/posts/1',
        ua: IPHONE_UA,
        viewport_width: '390',
        viewport_height: '844',
        screen_width: '390',
        screen_height: '844',
        tz: 'Europe/Paris',
        referrer: '',
        site: SITE,
      },
    });
    // sendBeacon posts text/plain from the page, whose Origin names the site.
    const append = httpEvent({
      method: 'POST',
      path: '/append',
      body: JSON.stringify({ uuid: VIEW_ID, path: '/posts/1', duration: 12, scroll: 30 }),
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: `https://${SITE}` },
    });

    // Act
    const gif = await api.handler(pixel);
    const appended = await api.handler(append);

    // Assess
    expect([gif.statusCode, appended.statusCode]).toEqual([200, 202]);
    const view = await storedView();
    expect(view?.ok && view.value).toMatchObject({
      path: '/posts/1',
      os: 'iOS',
      device: 'mobile',
      country: 'FR',
      unique: true,
      duration: 12,
      scroll: 30,
    });
  });
});
