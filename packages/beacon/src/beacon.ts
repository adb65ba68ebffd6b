// The tracking script a site owner pastes: a pageview per page or SPA navigation, engagement when it ends.
// SPEC §6 allows 1024 bytes after gzip, so the code favours short forms; the comments carry the reasons.
// biome-ignore-all lint/suspicious/noAssignInExpressions: assignments inside expressions keep the script under budget.

type Body = Record<string, unknown>;

// A module, so its names stay out of the global scope of the type-checker; esbuild emits nothing for this.
export {};

/**
 * True in the events build (events.js: custom events, outbound links, downloads, tagged elements), false in the
 * plain one: esbuild's `define` sets it and drops the dead branch, so beacon.js stays byte for byte what it was.
 */
declare const EVENTS: boolean;

/** `footfall(name, props)` on the page: a function, or the snippet's stub whose calls wait in `q`. */
type Track = ((name: string, props?: Body) => void) & { q?: ArrayLike<unknown>[] };

((
  w: Window & { __footfall?: 1; footfall?: Track },
  d: Document,
  n: Navigator & { globalPrivacyControl?: boolean },
  L: Location,
) => {
  // Listeners run outside our try; an exception there would surface in the host page's error reporting.
  const safe = (f: () => void) => () => {
    try {
      f();
    } catch {}
  };
  try {
    // Set the guard first so a second copy of the script, ignored or not, never runs. (A name as short as
    // `__ff` could already belong to the page, feature flags say, and would silence the beacon.)
    if (w.__footfall) return;
    w.__footfall = 1;
    const s = d.currentScript as HTMLScriptElement;
    const o = s.dataset;
    const host = L.hostname;
    const now = () => (d.hidden ? 0 : performance.now());
    if (
      (o.respectDnt !== 'false' && (n.doNotTrack === '1' || n.globalPrivacyControl)) ||
      // file: pages have no host; an explicit data-ignore replaces the default list (localhost and IP addresses).
      !host ||
      (o.ignore == null ? /^(localhost|[\d.]+|\[.*)$/.test(host) : o.ignore.split(/[\s,]+/).includes(host))
    )
      return;
    // Resolving an absolute path keeps only the origin of data-api or of the script's own URL.
    const api = new URL('/api/event', o.api || s.src);
    let r = d.referrer;
    // SPEC §4: a visitor comes from another site (or none) and did not reload. Only the first view has a referrer.
    let unique =
      !(r && new URL(r).hostname === host && !(r = '')) &&
      !performance
        .getEntriesByType('navigation')
        .some((e) => (e as PerformanceNavigationTiming).type === 'reload');
    // The current view: id, path, visible ms before `since`, start of the visible stretch (0 while hidden),
    // max of (scroll offset + viewport) / page height, and the last body sent.
    let id: string;
    let path: string;
    let shown: number;
    let since: number;
    let seen: number;
    let last: string;

    const send = (b: Body) => {
      b.site = o.site || host;
      const body = JSON.stringify(b);
      // A string body goes out as text/plain, a "simple" request that needs no CORS preflight. The dedupe
      // spares a request when pagehide follows visibilitychange with nothing new.
      if (last !== (last = body))
        // biome-ignore lint/complexity/useOptionalChain: `?.` lowered to ES2017 costs 15 bytes of the budget.
        (n.sendBeacon && n.sendBeacon(api, body)) ||
          fetch(api, { method: 'POST', body, keepalive: true }).catch(safe);
    };

    const depth = () => {
      seen = Math.max(seen, (w.scrollY + w.innerHeight) / d.body.scrollHeight);
    };

    // Sends the running totals of the current view: on hide, on pagehide and before an SPA navigation.
    const engage = () => {
      shown += since && performance.now() - since;
      since = now();
      depth();
      send({
        type: 'engagement',
        id,
        path,
        duration: Math.min(7200, shown / 1e3) | 0,
        // `| 0` also turns NaN and Infinity (an empty document) into 0.
        scroll: Math.min(100, seen * 100) | 0,
      });
    };

    const view = () => {
      // popstate also fires for fragment changes, which matter only in hash-routing mode.
      const p = L.pathname + (o.hash != null ? L.hash : '');
      // One view per distinct path: replaceState or popstate that keep the path are not navigations.
      if (p === path) return;
      if (id) engage();
      // Blob URLs end in a random v4 UUID in every engine, secure context or not (crypto.randomUUID needs one).
      id = URL.createObjectURL(new Blob()).slice(-36);
      path = p;
      shown = seen = 0;
      since = now();
      let utm: Body | undefined;
      // The API keeps source, medium, campaign, term and content, and drops other utm_ keys.
      for (const [k, v] of new URLSearchParams(L.search))
        if (v && /^utm_/.test(k)) (utm ||= {})[k.slice(4)] = v;
      send({
        type: 'pageview',
        id,
        path,
        referrer: r || undefined,
        unique,
        screen: [screen.width, screen.height],
        viewport: [w.innerWidth, w.innerHeight],
        tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
        lang: n.language,
        utm,
      });
      r = '';
      unique = false;
    };

    const nav = safe(view) as (_?: unknown) => void;
    view();
    if (EVENTS) {
      // A custom event of the current view (SPEC §3); its own id, so a retried beacon counts once.
      const track: Track = (name, props) => {
        try {
          send({
            type: 'event',
            id: URL.createObjectURL(new Blob()).slice(-36),
            view: id,
            path,
            name,
            props,
          });
        } catch {}
      };
      // Calls made before the script loaded wait in the snippet's stub.
      for (const a of w.footfall?.q || []) track(a[0] as string, a[1] as Body);
      w.footfall = track;
      // Downloads by extension (data-downloads, optionally listing them: "pdf, zip"), outbound links (data-outbound), and
      // elements tagged data-footfall-event (with data-footfall-prop-*). A click that leaves the page is still sent:
      // sendBeacon outlives the page. The URL prop keeps origin and path only: a query may hold personal data.
      const ext = new RegExp(
        `\\.(${(o.downloads || 'pdf|zip|docx?|xlsx?|pptx?|csv|txt|rtf|epub|dmg|exe|msi|apk|mp3|mp4|mov|wav|7z|gz|rar').replace(/[\s,]+/g, '|')})$`,
        'i',
      );
      d.addEventListener('click', (e) => {
        try {
          const t = e.target as Element;
          const a = t.closest('a[href]') as HTMLAnchorElement | null;
          const tag = t.closest('[data-footfall-event]') as HTMLElement | null;
          if (tag) {
            const props: Body = {};
            for (const k in tag.dataset)
              if (/^footfallProp./.test(k)) props[k.charAt(12).toLowerCase() + k.slice(13)] = tag.dataset[k];
            track(tag.dataset.footfallEvent as string, props);
          } else if (a && /^http/.test(a.protocol)) {
            const url = { url: (a.origin + a.pathname).slice(0, 100) };
            if (o.downloads != null && ext.test(a.pathname)) track('File Download', url);
            else if (o.outbound != null && a.host !== L.host) track('Outbound Link: Click', url);
          }
        } catch {}
      });
    }
    // visibilitychange bubbles from the document, so every listener can sit on window.
    w.addEventListener('scroll', safe(depth));
    w.addEventListener('pagehide', safe(engage));
    w.addEventListener(
      'visibilitychange',
      safe(() => (d.hidden ? engage() : (since ||= now()))),
    );
    w.addEventListener('popstate', nav);
    // Last, because pages may freeze, replace or remove history: the first view is already counted.
    const h = w.history;
    for (const k of ['pushState', 'replaceState'] as const) {
      const f = h[k];
      // Both return undefined, so the wrapper passes no result on; their own errors still reach the caller.
      if (f) h[k] = (...a: Parameters<History['pushState']>) => nav(f.apply(h, a));
    }
  } catch {}
})(window, document, navigator as Navigator, location);
