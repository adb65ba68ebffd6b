// GET /share/{id}: the dashboard, read-only for the link's one site, with no sign-in; a deleted or expired link
// is a 404 (within the share cache's 60 s).
import type { RouteHandler } from '../context';
import { notFound } from '../errors';
import { sharePageCsp } from '../securityHeaders';

/** `GET /share/{id}`: the dashboard page; its script finds the link id in the URL and reads as that link. */
export const sharePageRoute: RouteHandler = async (ctx) => {
  const link = await ctx.shares.lookup(ctx, ctx.params.id ?? '');
  if (!link) throw notFound('There is no such share link, or it has expired.');
  const content = await ctx.staticFiles.read('dashboard', 'index.html');
  if (!content) throw notFound('No such file: dashboard/index.html');
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(content.length),
      // The id in the URL is the credential: keep the page out of shared caches and referrers.
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'content-security-policy': sharePageCsp(link.origins),
    },
    body: content.toString('utf8'),
  };
};
