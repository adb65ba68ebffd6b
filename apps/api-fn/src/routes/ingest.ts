// POST /api/event: the beacon's pageview and engagement events, stored as one write each, in any order.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DAY_MS,
  decodeStoredEngagement,
  EVENT_TYPES,
  engagementEvent,
  engagementRaise,
  engagementUpsert,
  type PageviewEvent,
  pageviewEvent,
  pageviewUpsert,
} from '@footfall/core-model';
import { parseUserAgent } from '@footfall/ua';
import { isConditionalCheckFailed } from '../awsErrors';
import { MAX_USER_AGENT_CHARS } from '../constants';
import { addCapacity, type RequestContext, type RouteHandler } from '../context';
import { enrichPageview } from '../enrich';
import { badRequest, siteNotAllowed } from '../errors';
import { empty, type HttpResponse, readJsonBody } from '../http';
import { validate } from '../validation';

/** The beacon's answer: accepted, nothing to read. */
export const accepted = (): HttpResponse => empty(202);

/** Throws 403 unless `site` is configured. */
export function assertSiteAllowed(ctx: RequestContext, site: string): void {
  if (!ctx.config.allowedSites.includes(site.toLowerCase())) throw siteNotAllowed(site);
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
 * Stores one pageview on its raw view item: a new item, or the one an early engagement created. The write is
 * conditional on no pageview being recorded yet, so a beacon retried with the same id is counted once; the
 * refused retry is still a success to the client.
 */
export async function recordPageview(
  ctx: RequestContext,
  event: PageviewEvent,
  userAgent: string,
): Promise<void> {
  assertSiteAllowed(ctx, event.site);
  const view = enrichPageview(event, parseUserAgent(userAgent), ctx.now(), ctx.config.retentionDays);
  try {
    const out = await ctx.dynamodb.send(
      new UpdateItemCommand({
        TableName: ctx.config.tableName,
        ...pageviewUpsert(view),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    addCapacity(ctx, 'writeUnits', out.ConsumedCapacity);
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    ctx.log.debug('duplicate pageview ignored');
  }
}

/** How long engagement that arrived before its pageview is kept waiting for it. */
const PENDING_ENGAGEMENT_MS = DAY_MS;

/** Tries of the read-and-raise step before giving up on a view whose engagement keeps changing under it. */
const RAISE_ATTEMPTS = 4;

/**
 * Records engagement as the largest duration and scroll ever reported for a view, whatever order reports
 * arrive in (SPEC §3). One write in the usual case (values that only grow); an engagement that arrives before
 * its pageview creates the item, which the pageview then joins; a report smaller in one value and larger in
 * the other is merged with the stored one under an optimistic condition.
 */
export async function recordEngagement(
  ctx: RequestContext,
  id: string,
  duration: number,
  scroll: number,
): Promise<void> {
  const pendingExpiresAt = Math.floor((ctx.now() + PENDING_ENGAGEMENT_MS) / 1000);
  let stored: { duration: number | undefined; scroll: number | undefined } | undefined;
  try {
    const out = await ctx.dynamodb.send(
      new UpdateItemCommand({
        TableName: ctx.config.tableName,
        ...engagementUpsert(id, duration, scroll, pendingExpiresAt),
        ReturnConsumedCapacity: 'TOTAL',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    addCapacity(ctx, 'writeUnits', out.ConsumedCapacity);
    return;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    stored = storedEngagementOf(ctx, (error as { Item?: unknown }).Item);
  }
  for (let attempt = 0; attempt < RAISE_ATTEMPTS && stored !== undefined; attempt++) {
    const next = {
      duration: Math.max(duration, stored.duration ?? 0),
      scroll: Math.max(scroll, stored.scroll ?? 0),
    };
    // An older report of a view already further along: nothing to change.
    if (next.duration === stored.duration && next.scroll === stored.scroll) return;
    try {
      const out = await ctx.dynamodb.send(
        new UpdateItemCommand({
          TableName: ctx.config.tableName,
          ...engagementRaise(id, next, stored, pendingExpiresAt),
          ReturnConsumedCapacity: 'TOTAL',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      addCapacity(ctx, 'writeUnits', out.ConsumedCapacity);
      return;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      stored = storedEngagementOf(ctx, (error as { Item?: unknown }).Item);
    }
  }
  // Concurrent reports kept raising it meanwhile: the larger values are stored already or about to be.
  if (stored !== undefined)
    ctx.log.info('engagement raise gave way to concurrent reports', { attempts: RAISE_ATTEMPTS });
}

/** The engagement a failed condition returned, or undefined (logged) when the item cannot be read. */
function storedEngagementOf(
  ctx: RequestContext,
  item: unknown,
): { duration: number | undefined; scroll: number | undefined } | undefined {
  if (item === undefined) return { duration: undefined, scroll: undefined };
  const d = decodeStoredEngagement(item);
  if (d.ok) return d.value;
  ctx.log.warn('unreadable engagement on a raw view item left as it is', { error: d.error.message });
  return undefined;
}

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
  const event = validate(engagementEvent, body.value, 'invalid_event');
  if (!event.ok) throw event.error;
  assertSiteAllowed(ctx, event.value.site);
  await recordEngagement(ctx, event.value.id, event.value.duration, event.value.scroll);
  return accepted();
};
