// Pure enrichment at ingest: a validated pageview plus its parsed user agent become the stored raw view.
import { countryOfTimeZone } from './countries';
import { LIMITS, type RawView } from './layout';
import { referrerHost } from './referrer';
import type { PageviewEvent } from './schemas';
import { normaliseSite } from './site';
import { DAY_MS } from './time';

/** What enrichment keeps of a parsed user agent (@footfall/ua's `UserAgentInfo` has these and more). */
export interface ViewAgent {
  browser: string;
  os: string;
  device: RawView['device'];
  isBot: boolean;
}

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
  agent: ViewAgent,
  nowMs: number,
  retentionDays: number,
): RawView {
  const site = normaliseSite(event.site);
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
