// Share links of a site (admin): POST|GET /api/sites/{host}/shares, DELETE /api/sites/{host}/shares/{id}.
import { randomBytes } from 'node:crypto';
import {
  SHARE_ID_BYTES,
  type ShareLink,
  type ShareLinkResponse,
  type SharesResponse,
  shareCreationBody,
} from '@footfall/core-model';
import { createShare, deleteShare, listShares } from '@footfall/store';
import { requireAdmin } from '../access';
import { countUnits, type RequestContext, type RouteHandler } from '../context';
import { badRequest, notFound, siteNotAllowed } from '../errors';
import { json, readJsonBody } from '../http';
import { validate } from '../validation';
import { siteParam } from './sites';

/** The public URL of a link, on the host the request came to (the API's own host). */
function shareUrl(ctx: RequestContext, id: string): string {
  const host = ctx.headers['x-forwarded-host'] ?? ctx.headers.host ?? 'localhost';
  const proto = ctx.headers['x-forwarded-proto'] ?? 'https';
  return `${proto}://${host}/share/${id}`;
}

const describeLink = (ctx: RequestContext, link: ShareLink): ShareLinkResponse => ({
  id: link.id,
  url: shareUrl(ctx, link.id),
  site: link.site,
  createdAt: new Date(link.createdAt).toISOString(),
  expiresAt: link.expiresAt === undefined ? null : new Date(link.expiresAt * 1000).toISOString(),
  origins: link.origins,
});

/** The `{host}` of a share route: a well-formed site of the deployment (403 `site_not_allowed` otherwise). */
async function knownSite(ctx: RequestContext): Promise<string> {
  const site = siteParam(ctx.params.host);
  if (!(await ctx.sites.sites(ctx)).includes(site)) throw siteNotAllowed(site);
  return site;
}

/**
 * `POST /api/sites/{host}/shares {"expiresAt"?,"origins"?}` (admin) → 201 `{"id","url",…}`. The id is 144
 * random bits; `origins` may embed the shared dashboard in an iframe (CSP frame-ancestors).
 */
export const shareCreateRoute: RouteHandler = async (ctx) => {
  const session = await requireAdmin(ctx);
  const site = await knownSite(ctx);
  const raw = ctx.event.body ? readJsonBody(ctx.event, ctx.headers) : { ok: true as const, value: {} };
  if (!raw.ok) throw raw.error;
  const body = validate(shareCreationBody, raw.value, 'invalid_share');
  if (!body.ok) throw body.error;
  let expiresAt: number | undefined;
  if (body.value.expiresAt !== undefined) {
    expiresAt = Math.ceil(Date.parse(body.value.expiresAt) / 1000);
    if (!(expiresAt * 1000 > ctx.now()))
      throw badRequest('invalid_expiry', 'expiresAt: must be in the future');
  }
  const link: ShareLink = {
    id: randomBytes(SHARE_ID_BYTES).toString('base64url'),
    site,
    createdAt: ctx.now(),
    expiresAt,
    origins: [...new Set(body.value.origins ?? [])],
  };
  await createShare(ctx.table, link);
  // The id is a credential: the log names the site and who made it, never the id.
  ctx.log.info('share link created', { site, by: session.username });
  return json(201, describeLink(ctx, link));
};

/** `GET /api/sites/{host}/shares` (admin) → `{"shares":[…]}`, oldest first, expired ones included. */
export const shareListRoute: RouteHandler = async (ctx) => {
  await requireAdmin(ctx);
  const site = siteParam(ctx.params.host);
  const out = await listShares(ctx.table, site);
  countUnits(ctx, out);
  const response: SharesResponse = { shares: out.links.map((l) => describeLink(ctx, l)) };
  return json(200, response);
};

/** `DELETE /api/sites/{host}/shares/{id}` (admin) → 204; the link answers 404 everywhere within 60 s. */
export const shareDeleteRoute: RouteHandler = async (ctx) => {
  const session = await requireAdmin(ctx);
  const site = siteParam(ctx.params.host);
  const id = ctx.params.id ?? '';
  if ((await deleteShare(ctx.table, site, id)) === 'missing') throw notFound('There is no such share link.');
  ctx.shares.forget(id);
  ctx.log.info('share link deleted', { site, by: session.username });
  return { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' };
};
