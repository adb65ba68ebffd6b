// Goal commands: add (under the per-site cap), remove and list a site's goals, in their own partition.
import { randomBytes } from 'node:crypto';
import { DeleteItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import {
  type DecodeError,
  decodeGoal,
  type Goal,
  type GoalKind,
  goalCreation,
  goalRemoval,
  goalsQuery,
  MAX_GOALS_PER_SITE,
} from '@footfall/core-model';
import { isConditionalCheckFailed } from './awsErrors';
import type { Table } from './table';

/** A site's goals (oldest first), the items that did not decode, and the read units spent. */
export interface GoalList {
  goals: Goal[];
  errors: DecodeError[];
  readUnits: number;
}

/**
 * Every goal of a site (one strongly consistent Query of its small partition), oldest first.
 * @example const { goals } = await listGoals(table, 'example.com');
 */
export async function listGoals(table: Table, site: string): Promise<GoalList> {
  const out = await table.dynamodb.send(
    new QueryCommand({
      TableName: table.tableName,
      ...goalsQuery(site),
      ConsistentRead: true,
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  const goals: Goal[] = [];
  const errors: DecodeError[] = [];
  for (const item of out.Items ?? []) {
    const g = decodeGoal(item);
    if (g.ok) goals.push(g.value);
    else errors.push(g.error);
  }
  goals.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  return { goals, errors, readUnits: out.ConsumedCapacity?.CapacityUnits ?? 0 };
}

/** How adding a goal ended. */
export type GoalAdded =
  | { status: 'added'; goal: Goal }
  /** The same kind and match is a goal already (returned as it is). */
  | { status: 'exists'; goal: Goal }
  | { status: 'too_many'; max: number };

/**
 * Adds a goal to a site unless the same one exists or the site has MAX_GOALS_PER_SITE already. The caller
 * checks `match` first (core-model's `checkGoalMatch`).
 * @example await addGoal(table, 'example.com', 'event', 'signup', Date.now())
 */
export async function addGoal(
  table: Table,
  site: string,
  kind: GoalKind,
  match: string,
  now: number,
): Promise<GoalAdded> {
  const { goals } = await listGoals(table, site);
  const same = goals.find((g) => g.kind === kind && g.match === match);
  if (same) return { status: 'exists', goal: same };
  if (goals.length >= MAX_GOALS_PER_SITE) return { status: 'too_many', max: MAX_GOALS_PER_SITE };
  for (let attempt = 0; ; attempt++) {
    const goal: Goal = { id: randomBytes(4).toString('hex'), site, kind, match, createdAt: now };
    try {
      await table.dynamodb.send(new PutItemCommand({ TableName: table.tableName, ...goalCreation(goal) }));
      return { status: 'added', goal };
    } catch (error) {
      // An id already taken (1 in 4 billion per goal): draw another.
      if (!isConditionalCheckFailed(error) || attempt >= 3) throw error;
    }
  }
}

/**
 * Removes one goal of a site; `absent` when there was none with that id.
 * @example await removeGoal(table, 'example.com', '0123abcd')
 */
export async function removeGoal(table: Table, site: string, id: string): Promise<'removed' | 'absent'> {
  try {
    await table.dynamodb.send(
      new DeleteItemCommand({ TableName: table.tableName, ...goalRemoval(site, id) }),
    );
    return 'removed';
  } catch (error) {
    if (isConditionalCheckFailed(error)) return 'absent';
    throw error;
  }
}
