// GET /api/sites: the configured sites, for the dashboard's site picker.
import type { SitesResponse } from '@footfall/core-model';
import type { RouteHandler } from '../context';
import { json } from '../http';
import { requireSession } from '../session';

/** `GET /api/sites`. */
export const sitesRoute: RouteHandler = async (ctx) => {
  await requireSession(ctx);
  const response: SitesResponse = { sites: [...ctx.config.allowedSites] };
  return json(200, response);
};
