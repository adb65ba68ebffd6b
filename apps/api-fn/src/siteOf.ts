// Which configured site a request is for: the one it names, or for the original embed and dashboard (which never
// named one) the one its page belongs to.
import { normaliseSite } from '@footfall/core-model';
import { type ApiError, badRequest, siteNotAllowed } from './errors';
import type { Parsed } from './http';

/** What a request says, or lets guess, about its site. */
export interface SiteHints {
  /** `site` as the request names it (query or body); Footfall's own addition to the original requests. */
  named?: string | undefined;
  /** The `Origin` header: the page that sent a beacon (`sendBeacon`) or a dashboard call. */
  origin?: string | undefined;
  /** The `Referer` header: the page that loaded the pixel (its origin, under browsers' default policy). */
  referer?: string | undefined;
  /** The `Host` header: a configured site only when the API is served on that site's own host. */
  host?: string | undefined;
}

/** The configured site a URL's host names: exact host (with port), then host name, then without `www.`. */
function configuredSiteOf(url: string | undefined, allowedSites: readonly string[]): string | undefined {
  if (!url || url === 'null') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const hostname = normaliseSite(parsed.hostname).replace(/\.$/, '');
  const candidates = [normaliseSite(parsed.host), hostname];
  if (hostname.startsWith('www.')) candidates.push(hostname.slice(4));
  return candidates.find((c) => allowedSites.includes(c));
}

/**
 * The configured site `site` names, in its stored spelling (sites ignore case), or a 403 `site_not_allowed`.
 * @example configuredSite('Example.com', ['example.com']) // { ok: true, value: 'example.com' }
 */
export function configuredSite(site: string, allowedSites: readonly string[]): Parsed<string> {
  const normal = normaliseSite(site);
  return allowedSites.includes(normal)
    ? { ok: true, value: normal }
    : { ok: false, error: siteNotAllowed(site) };
}

/**
 * The site a request counts for: the one it names, else the configured site its `Origin` or `Referer` belongs
 * to, else its `Host` when that is a configured site, else the only configured site. A named site that is not
 * configured is a 403; a request that fits none of these a 400 `missing_site`, so nothing is lost in silence.
 * @example siteOfRequest({ origin: 'https://www.example.com' }, ['example.com', 'blog.example.org'])
 */
export function siteOfRequest(hints: SiteHints, allowedSites: readonly string[]): Parsed<string> {
  if (hints.named !== undefined && hints.named !== '') return configuredSite(hints.named, allowedSites);
  const fromPage =
    configuredSiteOf(hints.origin, allowedSites) ?? configuredSiteOf(hints.referer, allowedSites);
  if (fromPage !== undefined) return { ok: true, value: fromPage };
  const host = normaliseSite(hints.host ?? '');
  if (host !== '' && allowedSites.includes(host)) return { ok: true, value: host };
  const [only, ...others] = allowedSites;
  if (only !== undefined && others.length === 0) return { ok: true, value: only };
  return { ok: false, error: missingSite(hints) };
}

/** The 400 for a request that cannot be mapped to a site, saying what was looked at. */
function missingSite(hints: SiteHints): ApiError {
  const shown = (name: string, value: string | undefined) =>
    value ? `${name} ${JSON.stringify(value.slice(0, 100))}` : `no ${name}`;
  return badRequest(
    'missing_site',
    'site: several sites are configured and this request names none; neither its Origin nor its Referer ' +
      `belongs to one (${shown('Origin', hints.origin)}, ${shown('Referer', hints.referer)}). ` +
      'Add site=<host> to the query.',
  );
}
