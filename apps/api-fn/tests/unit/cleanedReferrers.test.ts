// The original embed's cleaned referrers (no scheme, no www./m./l., no query) count as referrer hosts and
// visitors on /pv.gif and on POST /api/event, by the same rule as full URLs.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { RawView } from '@footfall/core-model';
import { cleanReferrer, EmbedView, pixelRequest } from '@footfall/legacy-ports';
import { CHROME_UA, httpEvent, pageview, SITE, VIEW_ID } from '@footfall/testing';
import { EMBED_REFERRERS } from '../fixtures/embedReferrers';
import { testApi } from '../helpers/api';
import { mockedDynamo, pageviewWrites, viewWritten } from '../helpers/mockTable';

/** The page the embed runs on: a post of example.com, arrived at from `referrer`. */
const embedView = (referrer: string) =>
  new EmbedView({
    pathname: '/blog/post',
    userAgent: CHROME_UA,
    referrer,
    viewport: { width: 1280, height: 800 },
    screen: { width: 1920, height: 1080 },
    timeZone: 'Europe/London',
    start: 0,
    uuid: VIEW_ID,
  });

/** Sends one request through api-fn and returns the raw view it stored (failing unless it stored one). */
async function stored(event: ReturnType<typeof httpEvent>): Promise<RawView> {
  const { client, mock } = mockedDynamo();
  mock.on(UpdateItemCommand).resolves({});
  const { handler } = testApi(client, 'views', { allowedSites: [SITE] });
  const response = await handler(event);
  expect(response.statusCode).toBeLessThan(300);
  const writes = pageviewWrites(mock);
  expect(writes).toHaveLength(1);
  const view = viewWritten(writes[0]);
  if (!view.ok) throw view.error;
  return view.value;
}

/** The embed's pixel request for a visit from `referrer`, as API Gateway hands it over. */
function pixelEvent(referrer: string) {
  const request = pixelRequest(embedView(referrer), 'https://example.com');
  return httpEvent({ method: request.method, path: request.path, headers: request.headers });
}

describe('GET /pv.gif with the embed’s cleaned referrer', () => {
  it.each(EMBED_REFERRERS)('$url counts the referrer $host', async ({ url, host }) => {
    // Prepare
    const sent = new URLSearchParams(embedView(url).toParams()).get('referrer');

    // Act
    const view = await stored(pixelEvent(url));

    // Assess: the embed sent the cleaned form, never the URL itself.
    expect(sent).toBe(cleanReferrer(url));
    expect(view.referrer).toBe(host);
    expect(view.unique).toBe(host !== undefined);
  });

  it('counts a direct visit (the embed leaves the empty referrer out) as a visitor without referrer', async () => {
    // Act
    const view = await stored(pixelEvent(''));

    // Assess
    expect(view).toMatchObject({ referrer: undefined, unique: true, path: '/blog/post' });
  });
});

describe('POST /api/event with a cleaned referrer', () => {
  it.each(EMBED_REFERRERS)('$url counts the referrer $host', async ({ url, host }) => {
    // Act
    const view = await stored(
      httpEvent({
        method: 'POST',
        path: '/api/event',
        body: pageview({ referrer: cleanReferrer(url) }),
        headers: { 'user-agent': CHROME_UA },
      }),
    );

    // Assess
    expect(view.referrer).toBe(host);
  });

  it.each(EMBED_REFERRERS.filter((r) => r.sameAsFullUrl))(
    '$url counts the same host full and cleaned',
    async ({ url }) => {
      // Prepare
      const send = (referrer: string) =>
        stored(
          httpEvent({
            method: 'POST',
            path: '/api/event',
            body: pageview({ referrer }),
            headers: { 'user-agent': CHROME_UA },
          }),
        );

      // Act
      const full = await send(url);
      const cleaned = await send(cleanReferrer(url));

      // Assess
      expect(cleaned.referrer).toBe(full.referrer);
    },
  );
});
