// The original embed's routes: GET /pv.gif records a pageview and answers a GIF; POST /append records engagement.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DAY_MS, engagementUpsert } from '@footfall/core-model';
import { CHROME_UA, httpEvent, IPHONE_UA, OTHER_SITE, SITE, VIEW_ID } from '@footfall/testing';
import { errorCode, NOW, testApi } from '../helpers/api';
import { mockedDynamo, pageviewWrites, viewWritten } from '../helpers/mockTable';

/** What navigator.sendBeacon sends with the append body from a page of example.com. */
const BEACON_HEADERS = { 'content-type': 'text/plain;charset=UTF-8', origin: `https://${SITE}` };

const EMBED_QUERY = {
  uuid: VIEW_ID,
  path: '/posts/1',
  ua: IPHONE_UA,
  viewport_width: '390',
  viewport_height: '844',
  screen_width: '390',
  screen_height: '844',
  timezone: 'America/New_York',
  referrer: 'https://news.ycombinator.com/item?id=1',
  site: SITE,
};

describe('GET /pv.gif', () => {
  it('records the pageview and answers a real 1×1 GIF that is never cached', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(UpdateItemCommand).resolves({});
    const { handler } = testApi(client);

    // Act
    const response = await handler(httpEvent({ method: 'GET', path: '/pv.gif', query: EMBED_QUERY }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/gif');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.isBase64Encoded).toBe(true);
    const gif = Buffer.from(response.body ?? '', 'base64');
    expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect([gif.readUInt16LE(6), gif.readUInt16LE(8)]).toEqual([1, 1]);
    const stored = viewWritten(pageviewWrites(mock)[0]);
    expect(stored.ok && stored.value).toMatchObject({
      id: VIEW_ID,
      site: SITE,
      path: '/posts/1',
      os: 'iOS',
      device: 'mobile',
      country: 'US',
      referrer: 'news.ycombinator.com',
      unique: true,
    });
  });

  it('takes the user agent from the header before the ua query parameter', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(UpdateItemCommand).resolves({});
    const { handler } = testApi(client);

    // Act
    await handler(
      httpEvent({ method: 'GET', path: '/pv.gif', query: EMBED_QUERY, headers: { 'user-agent': CHROME_UA } }),
    );

    // Assess
    const stored = viewWritten(pageviewWrites(mock)[0]);
    expect(stored.ok && stored.value.os).toBe('Windows');
  });

  it('counts for the only configured site when the embed names none', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(UpdateItemCommand).resolves({});
    const { handler } = testApi(client, 'views', { allowedSites: [SITE] });
    const { site: _, ...query } = EMBED_QUERY;

    // Act
    const response = await handler(httpEvent({ method: 'GET', path: '/pv.gif', query }));

    // Assess
    expect(response.statusCode).toBe(200);
    const stored = viewWritten(pageviewWrites(mock)[0]);
    expect(stored.ok && stored.value.site).toBe(SITE);
  });

  it('counts for the Host header when it is a configured site', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(UpdateItemCommand).resolves({});
    const { handler } = testApi(client);
    const { site: _, ...query } = EMBED_QUERY;

    // Act
    await handler(httpEvent({ method: 'GET', path: '/pv.gif', query, headers: { host: OTHER_SITE } }));

    // Assess
    const stored = viewWritten(pageviewWrites(mock)[0]);
    expect(stored.ok && stored.value.site).toBe(OTHER_SITE);
  });

  it('counts for the site of the page that loaded it when the API has its own host (several sites)', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(UpdateItemCommand).resolves({});
    const { handler } = testApi(client);
    const { site: _, ...query } = EMBED_QUERY;

    // Act
    const response = await handler(
      httpEvent({
        method: 'GET',
        path: '/pv.gif',
        query,
        headers: { host: 'pv.example.net', referer: `https://www.${OTHER_SITE}/` },
      }),
    );

    // Assess
    expect(response.statusCode).toBe(200);
    const stored = viewWritten(pageviewWrites(mock)[0]);
    expect(stored.ok && stored.value.site).toBe(OTHER_SITE);
  });

  it('answers 400 missing_site, writing nothing, when several sites are configured and nothing names one', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    const { handler } = testApi(client);
    const { site: _, ...query } = EMBED_QUERY;

    // Act
    const response = await handler(
      httpEvent({ method: 'GET', path: '/pv.gif', query, headers: { host: 'pv.example.net' } }),
    );

    // Assess
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('missing_site');
    expect(mock.calls()).toHaveLength(0);
  });

  it.each([
    ['a missing uuid', { uuid: undefined }, 400, 'invalid_event'],
    ['a non-numeric width', { viewport_width: 'wide' }, 400, 'invalid_event'],
    ['a relative path', { path: 'posts/1' }, 400, 'invalid_event'],
    ['an unknown site', { site: 'evil.example' }, 403, 'site_not_allowed'],
  ])('refuses %s with a JSON error and writes nothing', async (_, change, status, code) => {
    // Prepare
    const { client, mock } = mockedDynamo();
    const { handler } = testApi(client);

    // Act
    const response = await handler(
      httpEvent({ method: 'GET', path: '/pv.gif', query: { ...EMBED_QUERY, ...change } }),
    );

    // Assess
    expect(response.statusCode).toBe(status);
    expect(errorCode(response)).toBe(code);
    expect(mock.calls()).toHaveLength(0);
  });
});

describe('POST /append', () => {
  it('records engagement on the view and answers 202', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(UpdateItemCommand).resolves({});
    const { handler } = testApi(client);

    // Act
    const response = await handler(
      httpEvent({
        method: 'POST',
        path: '/append',
        body: JSON.stringify({ uuid: VIEW_ID, path: '/posts/1', duration: 30, scroll: 55 }),
        headers: BEACON_HEADERS,
      }),
    );

    // Assess
    expect(response.statusCode).toBe(202);
    expect(mock.commandCalls(UpdateItemCommand)).toHaveLength(1);
  });

  it('records an append that arrives before its pixel, for the pageview to join when it comes', async () => {
    // Prepare: DynamoDB creates the item, so an upsert of a view it does not hold yet succeeds.
    const { client, mock } = mockedDynamo();
    mock.on(UpdateItemCommand).resolves({});
    const { handler } = testApi(client, 'views');

    // Act
    const response = await handler(
      httpEvent({
        method: 'POST',
        path: '/append',
        body: { uuid: VIEW_ID, duration: 1, scroll: 0 },
        headers: BEACON_HEADERS,
      }),
    );

    // Assess: the engagement waits a day for its pageview.
    expect(response.statusCode).toBe(202);
    expect(mock.commandCalls(UpdateItemCommand).map((c) => c.args[0].input)).toEqual([
      {
        TableName: 'views',
        ...engagementUpsert(VIEW_ID, 1, 0, Math.floor((NOW + DAY_MS) / 1000)),
        ReturnConsumedCapacity: 'TOTAL',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    ]);
  });

  it('refuses a negative duration', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    const { handler } = testApi(client);

    // Act
    const response = await handler(
      httpEvent({
        method: 'POST',
        path: '/append',
        body: { uuid: VIEW_ID, duration: -5, scroll: 0 },
        headers: BEACON_HEADERS,
      }),
    );

    // Assess
    expect(response.statusCode).toBe(400);
    expect(mock.calls()).toHaveLength(0);
  });

  it.each([
    ['its site named in the query', { query: { site: OTHER_SITE }, headers: {} }],
    ['its Origin', { query: {}, headers: { origin: `https://${OTHER_SITE}` } }],
    ['its Referer', { query: {}, headers: { referer: `https://${SITE}/posts/1` } }],
  ])('accepts an append mapped to a site by %s', async (_, { query, headers }) => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(UpdateItemCommand).resolves({});
    const { handler } = testApi(client);

    // Act
    const response = await handler(
      httpEvent({
        method: 'POST',
        path: '/append',
        query,
        body: JSON.stringify({ uuid: VIEW_ID, path: '/posts/1', duration: 3, scroll: 5 }),
        headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
      }),
    );

    // Assess
    expect(response.statusCode).toBe(202);
    expect(mock.commandCalls(UpdateItemCommand)).toHaveLength(1);
  });

  it.each([
    ['no site, Origin or Referer among several sites', {}, 400, 'missing_site'],
    ['an Origin that is no configured site', { origin: 'https://other.example.net' }, 400, 'missing_site'],
    ['a named site that is not configured', { site: 'evil.example' }, 403, 'site_not_allowed'],
  ])('refuses an append with %s, writing nothing', async (_, hints, status, code) => {
    // Prepare
    const { client, mock } = mockedDynamo();
    const { handler } = testApi(client);
    const { site, ...headers } = hints as { site?: string; origin?: string };

    // Act
    const response = await handler(
      httpEvent({
        method: 'POST',
        path: '/append',
        query: { site },
        body: JSON.stringify({ uuid: VIEW_ID, path: '/posts/1', duration: 3, scroll: 5 }),
        headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
      }),
    );

    // Assess
    expect(response.statusCode).toBe(status);
    expect(errorCode(response)).toBe(code);
    expect(mock.calls()).toHaveLength(0);
  });
});
