// The referrer host of SPEC §4, from a full URL or from the original embed's cleaned form (`google.com/`).
import { LIMITS } from './layout';

/** A URL that names its scheme (`https://…`, `android-app://…`): parsed as it is. */
const WITH_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * A referrer as the original embed cleaned it: host first (no scheme, no `www.`/`m.`/`l.`), then an optional
 * path, e.g. `news.ycombinator.com/item`. It must start with a host character, so a bare path or text with
 * a space is not mistaken for one.
 */
const CLEANED = /^[^\s/?#\\@:][^\s/?#\\]*(?:[/?#].*)?$/;

const stripWww = (host: string) => (host.startsWith('www.') ? host.slice(4) : host);

/** A site's host name for the same-site check: lower-cased, without port and `www.`. */
const hostnameOf = (site: string) => stripWww(site.toLowerCase().replace(/:\d+$/, ''));

/** The host name of a full or cleaned referrer, or undefined when it names none. */
function referrerHostname(referrer: string): string | undefined {
  let url: string;
  if (WITH_SCHEME.test(referrer)) url = referrer;
  else if (CLEANED.test(referrer)) url = `http://${referrer}`;
  else return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * The referrer's host as SPEC §4 counts it: lower-cased, `www.` stripped, undefined when absent, not a URL or
 * a cleaned host, or the same site (moving between one's own pages is not a referral). A full URL and the
 * original embed's cleaned form of it give the same host.
 * @example referrerHost('https://www.Google.com/search?q=x', 'example.com') === 'google.com'
 * @example referrerHost('news.ycombinator.com/item', 'example.com') === 'news.ycombinator.com'
 */
export function referrerHost(referrer: string | undefined, site: string): string | undefined {
  if (!referrer) return undefined;
  const hostname = referrerHostname(referrer);
  if (hostname === undefined) return undefined;
  const host = stripWww(hostname.replace(/\.$/, ''));
  if (host === '' || host.length > LIMITS.referrer || host === hostnameOf(site)) return undefined;
  return host;
}

/**
 * Whether a view of the original embed counts as a visitor. That embed sent no uniqueness flag, so a view that
 * arrived directly (no referrer) or from another site stands in for one; a same-site or unreadable referrer
 * does not.
 * @example arrivedFromOutside('google.com/', 'example.com') === true
 */
export function arrivedFromOutside(referrer: string | undefined, site: string): boolean {
  return !referrer || referrerHost(referrer, site) !== undefined;
}
