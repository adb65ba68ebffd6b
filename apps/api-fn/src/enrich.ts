// Pure enrichment at ingest: a validated pageview plus its parsed user agent become the stored raw view.
import {
  countryOfTimeZone,
  DAY_MS,
  LIMITS,
  type PageviewEvent,
  type RawView,
  referrerHost,
} from '@footfall/core-model';
import type { UserAgentInfo } from '@footfall/ua';

/** A trimmed UTM value, undefined when empty. */
const utmValue = (value: string | undefined): string | undefined => {
  const v = value?.trim().slice(0, LIMITS.utm);
  return v ? v : undefined;
};

/** A user-agent name fit for the raw item: never empty, at most LIMITS.uaName characters. */
const uaName = (name: string): string => name.trim().slice(0, LIMITS.uaName) || 'Unknown';

/**
 * Builds the raw view item's content from a validated pageview, its parsed user agent and the ingest time.
 * @example enrichPageview(event, parseUserAgent(ua), Date.now(), 30)
 */
export function enrichPageview(
  event: PageviewEvent,
  agent: UserAgentInfo,
  nowMs: number,
  retentionDays: number,
): RawView {
  const site = event.site.toLowerCase();
  return {
    id: event.id.toLowerCase(),
    site,
    path: event.path,
    time: nowMs,
    unique: event.unique === true,
    bot: agent.isBot,
    browser: uaName(agent.browser),
    os: uaName(agent.os),
    device: agent.isBot ? 'bot' : agent.device,
    country: countryOfTimeZone(event.tz),
    referrer: referrerHost(event.referrer, site),
    utmSource: utmValue(event.utm?.source),
    utmCampaign: utmValue(event.utm?.campaign),
    expiresAt: Math.floor((nowMs + retentionDays * DAY_MS) / 1000),
  };
}
