// Gives the dev site goals, so the dashboard's Goals panel has something to count from the first visit.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { addGoal, listGoals } from '@footfall/store';

/** The goals `pnpm dev` creates on a site that has none: the demo's sign-up event, and its blog pages. */
export const DEMO_GOALS = [
  { kind: 'event', match: 'signup' },
  { kind: 'page', match: '/blog/*' },
] as const;

/**
 * Adds DEMO_GOALS to `site` when it has no goals yet (a goal removed later is not brought back while others exist).
 * @example await ensureDemoGoals(client, 'footfall-dev', 'localhost');
 */
export async function ensureDemoGoals(
  client: DynamoDBClient,
  tableName: string,
  site: string,
): Promise<void> {
  const table = { dynamodb: client, tableName };
  if ((await listGoals(table, site)).goals.length > 0) return;
  for (const g of DEMO_GOALS) await addGoal(table, site, g.kind, g.match, Date.now());
}
