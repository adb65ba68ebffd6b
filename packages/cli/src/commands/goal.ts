// `footfall goal add|remove|list --site S`: a site's goals, with the same rules as the admin API routes.
import {
  checkGoalMatch,
  GOAL_ID_PATTERN,
  GOAL_KINDS,
  type GoalKind,
  normaliseSite,
} from '@footfall/core-model';
import { addGoal, listGoals, removeGoal } from '@footfall/store';
import type { CliOptions } from '../args';
import type { Target } from '../client';
import { CliError, UsageError } from '../errors';
import type { CliIo } from '../io';

function siteOf(options: CliOptions): string {
  const named = options.site?.trim();
  if (!named) throw new UsageError('Name the site with --site.');
  return normaliseSite(named);
}

/** Adds a goal: `goal add event signup` or `goal add page '/blog/*'`; prints its id. */
export async function goalAdd(
  target: Target,
  io: CliIo,
  options: CliOptions,
  kind: string | undefined,
  match: string | undefined,
): Promise<void> {
  const site = siteOf(options);
  if (!(GOAL_KINDS as readonly string[]).includes(kind ?? ''))
    throw new UsageError('Use `footfall goal add event NAME` or `footfall goal add page PATTERN`.');
  if (match === undefined) throw new UsageError('Name the event or the path pattern the goal matches.');
  const checked = checkGoalMatch(kind as GoalKind, match);
  if (!checked.ok) throw new UsageError(`The goal's match ${checked.error}.`);
  const out = await addGoal(target, site, kind as GoalKind, checked.value, Date.now());
  if (out.status === 'too_many')
    throw new CliError(`${site} has ${out.max} goals already; remove one first.`);
  io.stdout.write(`${out.goal.id}\n`);
  io.stderr.write(out.status === 'added' ? `Goal added to ${site}.\n` : `${site} has this goal already.\n`);
}

/** Removes a goal by id. */
export async function goalRemove(
  target: Target,
  io: CliIo,
  options: CliOptions,
  id: string | undefined,
): Promise<void> {
  const site = siteOf(options);
  if (!id || !GOAL_ID_PATTERN.test(id))
    throw new UsageError('Name the goal by its id (8 hex digits, see goal list).');
  if ((await removeGoal(target, site, id)) === 'absent') throw new CliError(`${site} has no goal ${id}.`);
  io.stderr.write(`Goal ${id} removed from ${site}.\n`);
}

/** Lists a site's goals: id, kind and match, tab-separated. */
export async function goalList(target: Target, io: CliIo, options: CliOptions): Promise<void> {
  const site = siteOf(options);
  const { goals, errors } = await listGoals(target, site);
  for (const e of errors.slice(0, 3)) io.stderr.write(`Skipped an unreadable goal: ${e.message}\n`);
  for (const g of goals) io.stdout.write(`${g.id}\t${g.kind}\t${g.match}\n`);
  io.stderr.write(`${goals.length} goals.\n`);
}
