// Custom events as stored: one raw event item per event id (`event#<id>` / `event`), written once at ingest.
import { err, ok } from '@footfall/kernel';
import { bool, type Decoded, type Item, int, item, map, oneOf, optional, str } from './attributes';
import { itemAbsent, type PutParts } from './commandParts';
import type { ViewAgent } from './enrichPageview';
import { DecodeError } from './errors';
import { utf8Bytes } from './itemSize';
import { itemKey, type Key } from './keys';
import { LIMITS } from './layout';
import type { CustomEvent } from './schemas';
import { normaliseSite } from './site';
import { DAY_MS } from './time';

/** The Section value of raw event items; the stream filter passes these too. */
export const EVENT_SECTION = 'event';

/** Limits of SPEC §3 for custom events, in UTF-8 bytes. */
export const EVENT_LIMITS = { name: 64, props: 8, propKey: 32, propValue: 100 } as const;

/** One custom event as stored (enriched at ingest); the trigger aggregates these. */
export interface RawEvent {
  id: string;
  site: string;
  path: string;
  name: string;
  /** Prop key → value (at most EVENT_LIMITS.props). */
  props: Record<string, string>;
  /** The id of the pageview it happened on, when the beacon knew it. */
  view?: string | undefined;
  /** Epoch milliseconds at ingest. */
  time: number;
  bot: boolean;
  /** TTL, epoch seconds. */
  expiresAt: number;
}

const rawEventAttributes = item({
  Path: str({ pattern: /^event#[0-9a-fA-F-]{36}$/ }),
  Section: oneOf([EVENT_SECTION]),
  Site: str({ maxBytes: LIMITS.site }),
  Page: str({ maxBytes: LIMITS.path, pattern: /^\// }),
  Name: str({ maxBytes: EVENT_LIMITS.name }),
  Props: optional(map(str({ maxBytes: EVENT_LIMITS.propValue }))),
  View: optional(str({ pattern: /^[0-9a-f-]{36}$/ })),
  Time: int({ min: 0, max: LIMITS.time }),
  Bot: bool(),
  ExpiresAt: int({ min: 0 }),
});

/** The key of a raw event item. @example eventKey('0b0c…') → { Path: 'event#0b0c…', Section: 'event' } */
export const eventKey = (id: string): Key => itemKey(`event#${id.toLowerCase()}`, EVENT_SECTION);

/** Encodes a raw event as a full item. */
export function encodeRawEvent(e: RawEvent): Item {
  return rawEventAttributes.encode({
    Path: `event#${e.id.toLowerCase()}`,
    Section: EVENT_SECTION,
    Site: e.site,
    Page: e.path,
    Name: e.name,
    Props: Object.keys(e.props).length > 0 ? e.props : undefined,
    View: e.view,
    Time: e.time,
    Bot: e.bot,
    ExpiresAt: e.expiresAt,
  });
}

/**
 * Decodes a raw event item or stream image; the error names the attribute path under `path`. Props past the
 * limits (a hand-written item) are an error, never a count.
 */
export function decodeRawEvent(image: unknown, path = ''): Decoded<RawEvent> {
  const d = rawEventAttributes.decode(image, path);
  if (!d.ok) return d;
  const a = d.value;
  const props = a.Props ?? {};
  const keys = Object.keys(props);
  const bad =
    keys.length > EVENT_LIMITS.props ||
    keys.some((k) => k.length === 0 || utf8Bytes(k) > EVENT_LIMITS.propKey);
  if (bad) {
    const where = path === '' ? 'Props' : `${path}.Props`;
    return err(
      new DecodeError(
        where,
        `at most ${EVENT_LIMITS.props} props, keys of 1–${EVENT_LIMITS.propKey} bytes`,
        `${keys.length} props`,
      ),
    );
  }
  return ok({
    id: a.Path.slice('event#'.length).toLowerCase(),
    site: a.Site,
    path: a.Page,
    name: a.Name,
    props,
    view: a.View,
    time: a.Time,
    bot: a.Bot,
    expiresAt: a.ExpiresAt,
  });
}

/** Stores a new event; refused (a failed condition) when one with that id exists: a retry counts once. */
export const eventCreation = (e: RawEvent): PutParts => ({ Item: encodeRawEvent(e), ...itemAbsent });

/**
 * Builds the raw event item's content from a validated event, its parsed user agent and the ingest time.
 * @example enrichEvent(event, parseUserAgent(ua), Date.now(), 30)
 */
export function enrichEvent(
  event: CustomEvent,
  agent: ViewAgent,
  nowMs: number,
  retentionDays: number,
): RawEvent {
  return {
    id: event.id.toLowerCase(),
    site: normaliseSite(event.site),
    path: event.path,
    name: event.name,
    props: { ...(event.props ?? {}) },
    view: event.view?.toLowerCase(),
    time: nowMs,
    bot: agent.isBot,
    expiresAt: Math.floor((nowMs + retentionDays * DAY_MS) / 1000),
  };
}

/** Every attribute name of raw event items. */
export const eventAttributeNames = (): readonly string[] => rawEventAttributes.names;
