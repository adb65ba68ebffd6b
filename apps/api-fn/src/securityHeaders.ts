// The security headers of every response (SPEC §3 Static): a strict CSP on HTML, no sniffing, no framing.
import type { HttpResponse } from './http';

/**
 * The dashboard's policy: its own script and stylesheet files only, no inline script or style markup, API
 * calls to its own origin, and no framing. The charts (uPlot) draw on a canvas and size elements through
 * `element.style` (the CSSOM), which `style-src` does not govern, so no 'unsafe-inline' is needed.
 */
export const HTML_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  // The sign-in form is sent by script; a form that would submit itself (script broken) must not put the
  // password into a URL.
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The dashboard's policy for a share link that names origins allowed to embed it: the same policy with
 * `frame-ancestors` listing them (SPEC §3), or `'none'` when it names none.
 * @example sharePageCsp(['https://blog.example.com'])
 */
export function sharePageCsp(origins: readonly string[]): string {
  const ancestors = origins.length > 0 ? origins.join(' ') : "'none'";
  return HTML_CSP.replace("frame-ancestors 'none'", `frame-ancestors ${ancestors}`);
}

/** Everything else (JSON, CSV, the beacon, the pixel) loads nothing and may not be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const COMMON: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  // For browsers without CSP's frame-ancestors.
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/**
 * Adds the security headers to a response; a header the route set itself wins (a future embeddable page
 * would name its own frame-ancestors).
 * @example response = withSecurityHeaders(await route.handle(ctx));
 */
export function withSecurityHeaders(response: HttpResponse): HttpResponse {
  const type = response.headers['content-type'] ?? '';
  const csp = /^text\/html\b/i.test(type) ? HTML_CSP : API_CSP;
  const headers: Record<string, string> = { ...COMMON, 'content-security-policy': csp, ...response.headers };
  // X-Frame-Options cannot name origins: a page its CSP lets some origins frame must not also say DENY.
  if (!headers['content-security-policy']?.includes("frame-ancestors 'none'"))
    delete headers['x-frame-options'];
  return { ...response, headers };
}
