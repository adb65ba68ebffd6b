// The access model in one place: who is asking (a signed-in user or a share link) and what they may do.
// Every route's decision (router.ts `access`) is carried out by one of these functions.
import { normaliseSite, type ShareLink } from '@footfall/core-model';
import type { RequestContext } from './context';
import { ApiError, unauthorized } from './errors';
import { requireSession, type Session } from './session';

/** Who a request acts for: a signed-in user (admin or viewer), or a share link of one site (read-only). */
export type Principal = { kind: 'user'; session: Session } | { kind: 'share'; link: ShareLink };

/** The scheme a shared dashboard sends its link id under: `Authorization: Share <id>`. */
const SHARE_SCHEME = /^Share\s+(\S+)\s*$/i;

/** A 403 for a site the principal may not read (SPEC §3). */
export const siteForbidden = (site: string): ApiError =>
  new ApiError(403, 'site_forbidden', `You may not read the site ${JSON.stringify(site.slice(0, 253))}.`);

/** A 403 for a signed-in viewer calling an admin route. */
export const adminOnly = (): ApiError => new ApiError(403, 'admin_only', 'Only an admin may do this.');

/**
 * The principal behind a request: a share link (`Authorization: Share <id>`, only for GET and HEAD: a link
 * reads, never writes), else a signed-in user (Bearer token). Throws 401 otherwise (`invalid_share` for a link
 * that is deleted, expired or unknown).
 * @example const principal = await requirePrincipal(ctx);
 */
export async function requirePrincipal(ctx: RequestContext): Promise<Principal> {
  const share = SHARE_SCHEME.exec(ctx.headers.authorization ?? '');
  if (share?.[1] && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
    const link = await ctx.shares.lookup(ctx, share[1]);
    if (!link) throw unauthorized('invalid_share', 'This share link was deleted or has expired.');
    return { kind: 'share', link };
  }
  return { kind: 'user', session: await requireSession(ctx) };
}

/**
 * A signed-in user (admin or viewer); a share link is refused (401), as for every route that is not a read of
 * its site.
 * @example const session = await requireUser(ctx);
 */
export const requireUser = (ctx: RequestContext): Promise<Session> => requireSession(ctx);

/**
 * A signed-in admin: 401 without a valid session, 403 `admin_only` for a viewer. Sites, users, goals and share
 * links are managed through routes that call this first.
 * @example await requireAdmin(ctx);
 */
export async function requireAdmin(ctx: RequestContext): Promise<Session> {
  const session = await requireSession(ctx);
  if (session.role !== 'admin') throw adminOnly();
  return session;
}

/**
 * Whether a principal may read `site`: an admin every site, a viewer its listed sites, a share link its own.
 * @example mayReadSite({ kind: 'user', session }, 'example.com')
 */
export function mayReadSite(principal: Principal, site: string): boolean {
  const normal = normaliseSite(site);
  if (principal.kind === 'share') return principal.link.site === normal;
  if (principal.session.role === 'admin') return true;
  return principal.session.sites.includes(normal);
}

/** Throws 403 `site_forbidden` unless the principal may read `site`. */
export function assertMayReadSite(principal: Principal, site: string): void {
  if (!mayReadSite(principal, site)) throw siteForbidden(site);
}

/**
 * A principal that may read `site` (401 without one, 403 `site_forbidden` otherwise): the reporting routes'
 * check. Whether the site exists is the caller's next check, so a viewer learns nothing of other sites.
 * @example const principal = await requireSiteReader(ctx, query.site);
 */
export async function requireSiteReader(ctx: RequestContext, site: string): Promise<Principal> {
  const principal = await requirePrincipal(ctx);
  assertMayReadSite(principal, site);
  return principal;
}

/**
 * The sites of the deployment a principal may read, sorted (`GET /api/sites`).
 * @example json(200, { sites: await readableSites(ctx, principal) })
 */
export async function readableSites(ctx: RequestContext, principal: Principal): Promise<string[]> {
  const all = await ctx.sites.sites(ctx);
  return all.filter((site) => mayReadSite(principal, site));
}

/** What the dashboard is told about the principal: an admin sees the admin page, a share link is read-only. */
export const viewerKind = (principal: Principal): 'admin' | 'viewer' | 'share' =>
  principal.kind === 'share' ? 'share' : principal.session.role;
