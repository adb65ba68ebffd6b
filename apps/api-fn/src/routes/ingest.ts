// POST /api/event: the beacon's pageview and engagement events, stored as one write each.
import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  EVENT_TYPES,
  encodeRawView,
  engagementEvent,
  engagementUpdate,
  PARTITION_KEY,
  type PageviewEvent,
  pageviewEvent,
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
 * Stores one pageview as its raw view item. The write is conditional on the id being new, so a beacon
 * retried with the same id is counted once; the refused retry is still a success to the client.
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
      new PutItemCommand({
        TableName: ctx.config.tableName,
        Item: encodeRawView(view),
        ConditionExpression: 'attribute_not_exists(#p)',
        ExpressionAttributeNames: { '#p': PARTITION_KEY },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    addCapacity(ctx, 'writeUnits', out.ConsumedCapacity);
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    ctx.log.debug('duplicate pageview ignored');
  }
}

/**
 * Records a view's latest engagement. An engagement for a view that does not exist (never stored, or
 * expired) is ignored: the beacon cannot act on it, so it is still accepted.
 */
export async function recordEngagement(
  ctx: RequestContext,
  id: string,
  duration: number,
  scroll: number,
): Promise<void> {
  try {
    const out = await ctx.dynamodb.send(
      new UpdateItemCommand({
        TableName: ctx.config.tableName,
        ...engagementUpdate(id, duration, scroll),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    addCapacity(ctx, 'writeUnits', out.ConsumedCapacity);
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    ctx.log.debug('engagement for an unknown view ignored');
  }
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
