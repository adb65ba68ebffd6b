// GET /api/status: whether counting is behind, for the dashboard's banner (loaded on its first request).
import type { StatusResponse } from '@footfall/core-model';
import { requirePrincipal } from '../access';
import type { RouteHandler } from '../context';
import { json } from '../http';

/** `GET /api/status` → `{"pipeline":{"state","lagSeconds","thresholdSeconds","checkedAt"}}`. */
export const statusRoute: RouteHandler = async (ctx) => {
  // A share link's read-only dashboard shows the banner too, so any principal may ask.
  await requirePrincipal(ctx);
  const response: StatusResponse = { pipeline: await ctx.pipeline.get() };
  return json(200, response);
};
