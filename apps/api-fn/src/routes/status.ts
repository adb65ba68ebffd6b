// GET /api/status: whether counting is behind, for the dashboard's banner (loaded on its first request).
import type { StatusResponse } from '@footfall/core-model';
import type { RouteHandler } from '../context';
import { json } from '../http';
import { requireSession } from '../session';

/** `GET /api/status` → `{"pipeline":{"state","lagSeconds","thresholdSeconds","checkedAt"}}`. */
export const statusRoute: RouteHandler = async (ctx) => {
  await requireSession(ctx);
  const response: StatusResponse = { pipeline: await ctx.pipeline.get() };
  return json(200, response);
};
