// The original embed's routes: GET /pv.gif (a pageview answered with a 1×1 GIF) and POST /append (engagement).
import { appendBody, arrivedFromOutside, pageviewEvent } from '@footfall/core-model';
import type { RequestContext, RouteHandler } from '../context';
import { type HttpResponse, readJsonBody } from '../http';
import { siteOfRequest } from '../siteOf';
import { validate } from '../validation';
import { accepted, recordEngagement, recordPageview, userAgentOf } from './ingest';

/** A transparent 1×1 GIF89a (43 bytes). */
export const PIXEL_GIF_BASE64 = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

/** The pixel response; never cached, so every page load reaches the API. */
export const pixel = (): HttpResponse => ({
  statusCode: 200,
  headers: { 'content-type': 'image/gif', 'cache-control': 'no-store' },
  body: PIXEL_GIF_BASE64,
  isBase64Encoded: true,
});

/** A decimal query value as a number, or the raw text so that validation reports it. */
const numberOrText = (value: string | undefined): number | string | undefined =>
  value === undefined || value === '' ? undefined : /^\d{1,9}$/.test(value) ? Number(value) : value;

const pairOf = (w: string | undefined, h: string | undefined) =>
  w === undefined && h === undefined ? undefined : [numberOrText(w), numberOrText(h)];

/** The site an embed request counts for (`site` in the query, else its page's Origin or Referer; see siteOf). */
async function embedSite(ctx: RequestContext): Promise<string> {
  const site = siteOfRequest(
    {
      named: ctx.query.site,
      origin: ctx.headers.origin,
      referer: ctx.headers.referer,
      host: ctx.headers.host,
    },
    await ctx.sites.sites(ctx),
  );
  if (!site.ok) throw site.error;
  return site.value;
}

/** `GET /pv.gif?uuid=&path=&ua=&viewport_width=&viewport_height=&screen_width=&screen_height=&tz=&referrer=&site=`. */
export const pixelRoute: RouteHandler = async (ctx) => {
  const q = ctx.query;
  const userAgent = userAgentOf(ctx, q.ua);
  const site = await embedSite(ctx);
  const referrer = q.referrer || undefined;
  const candidate = {
    type: 'pageview',
    id: q.uuid,
    site,
    path: q.path,
    referrer,
    // The original embed sent no uniqueness flag: a view arriving from outside the site is the best proxy.
    unique: arrivedFromOutside(referrer, site),
    screen: pairOf(q.screen_width, q.screen_height),
    viewport: pairOf(q.viewport_width, q.viewport_height),
    tz: q.tz || q.timezone || undefined,
  };
  const event = validate(pageviewEvent, candidate, 'invalid_event');
  if (!event.ok) throw event.error;
  await recordPageview(ctx, event.value, userAgent);
  return pixel();
};

/** `POST /append {"uuid","path","duration","scroll"}` (`?site=` optional, as for the pixel). */
export const appendRoute: RouteHandler = async (ctx) => {
  const body = readJsonBody(ctx.event, ctx.headers);
  if (!body.ok) throw body.error;
  const append = validate(appendBody, body.value, 'invalid_event');
  if (!append.ok) throw append.error;
  // The engagement is stored on its view whatever the site, but a request no site owns is refused, not dropped.
  await embedSite(ctx);
  userAgentOf(ctx);
  await recordEngagement(ctx, append.value.uuid, append.value.duration, append.value.scroll);
  return accepted();
};
