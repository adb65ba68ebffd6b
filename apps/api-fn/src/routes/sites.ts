// The site list: GET /api/sites (the sites the caller may read), POST /api/sites and DELETE /api/sites/{host}
// (admin: sites are data, a new one accepts events within SITE_CACHE_SECONDS).
import { isValidSite, normaliseSite, type SitesAccess, siteCreationBody } from '@footfall/core-model';
import { addSite, removeSite } from '@footfall/store';
import { readableSites, requireAdmin, requirePrincipal, viewerKind } from '../access';
import type { RouteHandler } from '../context';
import { ApiError, badRequest, notFound } from '../errors';
import { json, readJsonBody } from '../http';
import { validate } from '../validation';

/** `GET /api/sites` → `{"sites":[…],"role"}`: only the sites this user (or share link) may read. */
export const sitesRoute: RouteHandler = async (ctx) => {
  const principal = await requirePrincipal(ctx);
  const response: SitesAccess = { sites: await readableSites(ctx, principal), role: viewerKind(principal) };
  return json(200, response);
};

/** The `{host}` of a site route, or a 400 `invalid_site`. */
export function siteParam(host: string | undefined): string {
  const site = normaliseSite(host ?? '');
  if (!isValidSite(site))
    throw badRequest('invalid_site', 'host: expected a host name such as blog.example.com');
  return site;
}

/** `POST /api/sites {"host"}` (admin) → 201 `{"host"}`; 409 `site_exists` when it is there already. */
export const siteAddRoute: RouteHandler = async (ctx) => {
  const session = await requireAdmin(ctx);
  const body = readJsonBody(ctx.event, ctx.headers);
  if (!body.ok) throw body.error;
  const parsed = validate(siteCreationBody, body.value, 'invalid_site', { host: 'invalid_site' });
  if (!parsed.ok) throw parsed.error;
  const host = siteParam(parsed.value.host);
  if ((await addSite(ctx.table, host, ctx.now())) === 'exists')
    throw new ApiError(409, 'site_exists', `The site ${host} exists already.`);
  ctx.sites.invalidate();
  ctx.log.info('site added', { site: host, by: session.username });
  return json(201, { host });
};

/**
 * `DELETE /api/sites/{host}` (admin) → 204: its events are refused within SITE_CACHE_SECONDS; its aggregates
 * stay in the table (docs/deploy.md says how to delete them).
 */
export const siteRemoveRoute: RouteHandler = async (ctx) => {
  const session = await requireAdmin(ctx);
  const host = siteParam(ctx.params.host);
  if ((await removeSite(ctx.table, host)) === 'missing') throw notFound(`There is no site ${host}.`);
  ctx.sites.invalidate();
  ctx.log.info('site removed', { site: host, by: session.username });
  return { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' };
};
