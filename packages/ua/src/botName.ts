// A crawler's own name and version from its user agent, so bots can be told apart ("GPTBot", "curl").
import { MAX_NAME_LENGTH } from './constants';
import type { NamedVersion } from './types';

/**
 * A product token whose word ends in bot/spider/crawler, e.g. "GPTBot/1.2", "Baiduspider",
 * "Googlebot-Image/1.0". A bare "bot" is no name, and one inside a URL ("google.com/bot.html") is skipped.
 */
const NAMED_CRAWLER =
  /(?<![\w./@+-])([A-Za-z][\w.-]*?(?:bot|spider|crawler)(?:-[A-Za-z][\w-]*)?)(?![a-z])(?:\/v?(\d[\w.~-]*))?/i;
/** Automation that drives a real browser engine. */
const HEADLESS = /\b(HeadlessChrome|Chrome-Lighthouse|PhantomJS)(?:\/(\d[\w.]*))?/;
/** The "(compatible; Name/1.0" convention, e.g. "Google-InspectionTool", "ChatGPT-User". */
const COMPATIBLE = /compatible; ?([A-Za-z][\w.! -]*?)(?:\/v?(\d[\w.~-]*))? *[;)+]/;
/** A script's leading product token, e.g. "curl/8.4.0", "python-requests/2.31.0". */
const LEADING_PRODUCT = /^([A-Za-z][\w.!-]*)(?:\/v?(\d[\w.~-]*))?/;

/** The bot's name and version as it states them, or "Bot" when it names itself no way we recognise. */
export function botName(ua: string): NamedVersion {
  const found =
    NAMED_CRAWLER.exec(ua) ??
    HEADLESS.exec(ua) ??
    COMPATIBLE.exec(ua) ??
    (ua.startsWith('Mozilla/') ? null : LEADING_PRODUCT.exec(ua));
  const name = found?.[1]?.trim();
  if (name === undefined || name === '') return { name: 'Bot', version: '' };
  return { name: name.slice(0, MAX_NAME_LENGTH), version: found?.[2] ?? '' };
}
