// POST /api/event: the beacon's pageview and engagement events, stored as one write each, in any order.
import {
  type CustomEvent,
  customEvent,
  EVENT_TYPES,
  engagementEvent,
  enrichEvent,
  enrichPageview,
  type PageviewEvent,
  pageviewEvent,
} from '@footfall/core-model';
import {
  recordEngagement as storeEngagement,
  recordEvent as storeEvent,
  recordPageview as storePageview,
} from '@footfall/store';
import { parseUserAgent } from '@footfall/ua';
import { MAX_USER_AGENT_CHARS } from '../constants';
import { countUnits, type RequestContext, type RouteHandler } from '../context';
import { badRequest } from '../errors';
import { empty, type HttpResponse, readJsonBody } from '../http';
import { configuredSite } from '../siteOf';
import { validate } from '../validation';

/** The beacon's answer: accepted, nothing to read. */
export const accepted = (): HttpResponse => empty(202);

/** Throws 403 unless `site` is one of the deployment's sites (the site list, at most SITE_CACHE_SECONDS old). */
export async function assertSiteAllowed(ctx: RequestContext, site: string): Promise<void> {
  const allowed = configuredSite(site, await ctx.sites.sites(ctx));
  if (!allowed.ok) throw allowed.error;
}

/** Reads the User-Agent header, refusing absurd lengths (bad input, nothing written). */
export function userAgentOf(ctx: RequestContext, fallback?: string): string {
  const ua = ctx.headers['user-agent'] ?? fallback ?? '';
  if (ua.length > MAX_USER_AGENT_CHARS)
    throw badRequest(
      'user_agent_too_long',
      `The User-Agent header is over ${MAX_USER_AGENT_CHARS} characters.`,
    );
  return ua;
}

/**
 * Stores one pageview, enriched, on its raw view item (store's `recordPageview`): a beacon retried with the same
 * id is counted once, and the refused retry is still a success to the client.
 */
export async function recordPageview(
  ctx: RequestContext,
  event: PageviewEvent,
  userAgent: string,
): Promise<void> {
  await assertSiteAllowed(ctx, event.site);
  const view = enrichPageview(event, parseUserAgent(userAgent), ctx.now(), ctx.config.retentionDays);
  const out = await storePageview(ctx.table, view);
  countUnits(ctx, out);
  if (out.status === 'duplicate') ctx.log.debug('duplicate pageview ignored');
}

/**
 * Records engagement as the largest duration and scroll ever reported for a view, whatever order reports
 * arrive in (store's `recordEngagement`), and logs what could not be merged.
 */
export async function recordEngagement(
  ctx: RequestContext,
  id: string,
  duration: number,
  scroll: number,
): Promise<void> {
  const out = await storeEngagement(ctx.table, id, { duration, scroll }, ctx.now());
  countUnits(ctx, out);
  if (out.status === 'unreadable')
    ctx.log.warn('unreadable engagement on a raw view item left as it is', { error: out.error.message });
  else if (out.status === 'gave-way')
    ctx.log.info('engagement raise gave way to concurrent reports', { attempts: out.attempts });
}

/**
 * Stores one custom event on its own item (store's `recordEvent`): a retry with the same id counts once. Bots'
 * events are stored with `Bot` set and counted apart.
 */
export async function recordCustomEvent(
  ctx: RequestContext,
  event: CustomEvent,
  userAgent: string,
): Promise<void> {
  await assertSiteAllowed(ctx, event.site);
  const stored = enrichEvent(event, parseUserAgent(userAgent), ctx.now(), ctx.config.retentionDays);
  const out = await storeEvent(ctx.table, stored);
  countUnits(ctx, out);
  if (out.status === 'duplicate') ctx.log.debug('duplicate event ignored');
}

/** Error codes of the custom event's fields that have their own. */
const EVENT_CODES = { name: 'invalid_event_name', props: 'invalid_props', view: 'invalid_view' };

/** `POST /api/event`. */
export const eventRoute: RouteHandler = async (ctx) => {
  const body = readJsonBody(ctx.event, ctx.headers);
  if (!body.ok) throw body.error;
  if (body.value === null || typeof body.value !== 'object' || Array.isArray(body.value))
    throw badRequest('invalid_event', 'The body must be a JSON object.');
  const type = (body.value as { type?: unknown }).type;
  if (typeof type !== 'string') throw badRequest('invalid_event', 'type: expected a string');
  if (!(EVENT_TYPES as readonly string[]).includes(type))
    throw badRequest('unknown_event_type', `type: must be one of ${EVENT_TYPES.join(', ')}`);
  const userAgent = userAgentOf(ctx);
  if (type === 'pageview') {
    const event = validate(pageviewEvent, body.value, 'invalid_event');
    if (!event.ok) throw event.error;
    await recordPageview(ctx, event.value, userAgent);
    return accepted();
  }
  if (type === 'event') {
    const event = validate(customEvent, body.value, 'invalid_event', EVENT_CODES);
    if (!event.ok) throw event.error;
    await recordCustomEvent(ctx, event.value, userAgent);
    return accepted();
  }
  const event = validate(engagementEvent, body.value, 'invalid_event');
  if (!event.ok) throw event.error;
  await assertSiteAllowed(ctx, event.value.site);
  await recordEngagement(ctx, event.value.id, event.value.duration, event.value.scroll);
  return accepted();
};
