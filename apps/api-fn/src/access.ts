// Who may do what: the one place routes ask. Today every signed-in user is an admin of every configured site;
// roles (admin, viewer) and sites as data replace these bodies, and the routes stay as they are.
import type { RequestContext } from './context';
import { requireSession, type Session } from './session';
import { configuredSite } from './siteOf';

/**
 * The signed-in user, who must be an admin (manages sites, users, goals and share links); 401 without a session.
 * @example const session = await requireAdmin(ctx);
 */
export async function requireAdmin(ctx: RequestContext): Promise<Session> {
  return requireSession(ctx);
}

/**
 * The stored spelling of `site` for a signed-in user who may read it: 401 without a session, 403 for a site that
 * is not configured.
 * @example const stored = await requireSiteReader(ctx, query.site);
 */
export async function requireSiteReader(ctx: RequestContext, site: string): Promise<string> {
  await requireSession(ctx);
  const allowed = configuredSite(site, ctx.config.allowedSites);
  if (!allowed.ok) throw allowed.error;
  return allowed.value;
}
