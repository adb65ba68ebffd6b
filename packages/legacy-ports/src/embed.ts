// A port of the original embed (BlakeRain/blakerain.com components/Analytics.tsx at 86f7e0a): how it cleans the
// referrer and builds its two requests, with the browser replaced by an explicit environment.

/** The embed's own referrer cleaning, verbatim: no scheme, no `www.`/`ww.`/`m.`/`l.` (+digits) prefix, no query. */
export const cleanReferrer = (url: string): string =>
  url.replace(/^https?:\/\/((m|l|w{2,3})([0-9]+)?\.)?([^?#]+)(.*)$/, '$4').replace(/^([^/]+)$/, '$1');

/** The embed prefers paths that start with a slash. */
const ensureStartSlash = (path: string): string => (path.startsWith('/') ? path : `/${path}`);

/** The longest duration the embed reports (2 hours), in seconds. */
export const MAX_DURATION = 2 * 60 * 60;

/** Where the embed sent its requests, relative to its API host (`https://pv.blakerain.com`). */
export const PIXEL_PATH = '/pv.gif';
export const APPEND_PATH = '/append';

/** The Content-Type `navigator.sendBeacon` gives a string body. */
export const BEACON_CONTENT_TYPE = 'text/plain;charset=UTF-8';

/** What the embed read from the browser when the page mounted. */
export interface EmbedPage {
  /** `window.location.pathname`. */
  pathname: string;
  /** `navigator.userAgent`. */
  userAgent: string;
  /** `document.referrer` (the full URL; empty for a direct visit). */
  referrer: string;
  /** `window.innerWidth/innerHeight` and `screen.width/height`. */
  viewport: { width: number; height: number };
  screen: { width: number; height: number };
  /** `Intl.DateTimeFormat().resolvedOptions().timeZone`. */
  timeZone?: string | undefined;
  /** `Date.now()` when the page mounted. */
  start: number;
  /** The view's id (the embed made a random v4 UUID); random when absent. */
  uuid?: string;
}

/** The embed's UUID generator, verbatim but for the RNG (Web Crypto, as in the browser). */
export const uuidv4 = (): string =>
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => {
    const n = Number.parseInt(c, 10);
    return (n ^ ((crypto.getRandomValues(new Uint8Array(1))[0] ?? 0) & (15 >> (n / 4)))).toString(16);
  });

/** Encodes a query value as the embed did: strings URI-encoded, numbers in base 10, anything else dropped. */
const encodeParamValue = (value: string | number | undefined): string | undefined => {
  if (typeof value === 'string') return encodeURIComponent(value);
  if (typeof value === 'number') return value.toString(10);
  return undefined;
};

/** One page view as the embed tracked it (its `AnalyticsData` class). */
export class EmbedView {
  readonly uuid: string;
  readonly pathname: string;
  readonly ua: string;
  readonly referrer: string;
  readonly page: EmbedPage;
  duration = 0;
  scroll = 0;
  private hideStart = 0;
  private totalHidden = 0;

  constructor(page: EmbedPage) {
    this.page = page;
    this.uuid = page.uuid ?? uuidv4();
    this.pathname = ensureStartSlash(page.pathname);
    this.ua = page.userAgent;
    this.referrer = cleanReferrer(page.referrer || '');
  }

  /**
   * The pixel's query string, as `toParams()` built it: the keys in this order, and a key whose encoded value is
   * empty (an empty referrer) left out.
   */
  toParams(): string {
    const obj: Record<string, string | number | undefined> = {
      uuid: this.uuid,
      path: this.pathname,
      ua: this.ua,
      viewport_width: this.page.viewport.width,
      viewport_height: this.page.viewport.height,
      screen_width: this.page.screen.width,
      screen_height: this.page.screen.height,
      referrer: this.referrer,
      duration: this.duration,
      scroll: this.scroll,
    };
    if (this.page.timeZone) obj.timezone = this.page.timeZone;
    return Object.keys(obj)
      .map((key) => {
        const encoded = encodeParamValue(obj[key]);
        return encoded ? `${key}=${encoded}` : undefined;
      })
      .filter((param) => typeof param === 'string')
      .join('&');
  }

  /** The append body, as `toBeaconJson()` built it. */
  toBeaconJson(): string {
    return JSON.stringify({
      uuid: this.uuid,
      path: this.pathname,
      duration: this.duration,
      scroll: this.scroll,
    });
  }

  /** A scroll event at `position` percent (the embed rounds to 5 % and caps at 100). */
  onScroll(position: number): void {
    if (this.scroll < position) this.scroll = position;
  }

  /** The page was hidden (`hidden: true`) or shown again at `now`. */
  onVisibilityChange(hidden: boolean, now: number): void {
    if (hidden) this.hideStart = now;
    else this.totalHidden += now - this.hideStart;
  }

  /** What `sendBeacon()` computed at `now` before sending the append body. */
  beaconAt(now: number, position: number): string {
    this.duration = Math.max(
      0,
      Math.min(MAX_DURATION, Math.round((now - this.page.start - this.totalHidden) / 1000.0)),
    );
    this.scroll = Math.max(0, this.scroll, position);
    return this.toBeaconJson();
  }
}

/** The scroll position the embed reported for a document scrolled to `bottom` of `height` pixels (`getPosition`). */
export const scrollPosition = (bottom: number, height: number): number =>
  Math.min(100, 5 * Math.round((100 * bottom) / height / 5));

/** One HTTP request the embed's page makes. */
export interface EmbedRequest {
  method: 'GET' | 'POST';
  /** Path and query, relative to the API's origin. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * The pixel request: the `<img src>` the embed rendered. A browser sends an image request without an Origin
 * header; its Referer is the page's origin under the default `strict-origin-when-cross-origin` policy.
 */
export function pixelRequest(view: EmbedView, pageOrigin: string): EmbedRequest {
  return {
    method: 'GET',
    path: `${PIXEL_PATH}?${view.toParams()}`,
    headers: { 'user-agent': view.ua, referer: `${pageOrigin}/` },
  };
}

/**
 * The append request: `navigator.sendBeacon(APPEND_URL, json)`, a POST of text/plain that carries the page's
 * Origin (and its origin as Referer).
 */
export function appendRequest(view: EmbedView, body: string, pageOrigin: string): EmbedRequest {
  return {
    method: 'POST',
    path: APPEND_PATH,
    headers: {
      'user-agent': view.ua,
      'content-type': BEACON_CONTENT_TYPE,
      origin: pageOrigin,
      referer: `${pageOrigin}/`,
    },
    body,
  };
}
