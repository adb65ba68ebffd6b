// The UpdateItem inputs that change aggregate counters: ADD only (they commute and need no read), with a size
// condition on trie items so no item ever passes its budget.
import type { AttributeValue, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { Key } from './keys';
import { distinctAttribute } from './series';
import { SIZE_ATTRIBUTE, TRIE_DIMENSIONS } from './valueTrie';

/** Attributes per UpdateItem: keeps the expression well under DynamoDB's 4 KB expression limit. */
export const MAX_ADDS_PER_UPDATE = 150;

/** What one counter update writes: the item and, per attribute, the amount to add (0 creates it at 0). */
export interface CounterAdds {
  key: Key;
  adds: ReadonlyMap<string, bigint>;
}

function addClauses(adds: Iterable<[string, bigint]>): {
  clauses: string[];
  names: Record<string, string>;
  values: Record<string, AttributeValue>;
} {
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  const clauses: string[] = [];
  let j = 0;
  for (const [attribute, delta] of adds) {
    names[`#a${j}`] = attribute;
    values[`:a${j}`] = { N: delta.toString() };
    clauses.push(`#a${j} :a${j}`);
    j++;
  }
  return { clauses, names, values };
}

/**
 * An unconditional `ADD` of every amount (at most MAX_ADDS_PER_UPDATE; callers split wider changes).
 * @example counterUpdate('footfall', seriesKey(site, day), new Map([['v07', 1n]]))
 */
export function counterUpdate(
  tableName: string,
  key: Key,
  adds: ReadonlyMap<string, bigint>,
): UpdateItemCommandInput {
  const { clauses, names, values } = addClauses(adds);
  return {
    TableName: tableName,
    Key: key,
    UpdateExpression: `ADD ${clauses.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnConsumedCapacity: 'TOTAL',
  };
}

/**
 * An `ADD` to a trie item that also adds `bytes` to its accounted size, on the condition that the size stays
 * within `budget`; with `bytes` 0 (only entries it already holds) it is unconditional. The old item comes back
 * on success and on a failed condition, so the writer learns the item's entries either way.
 */
export function trieNodeUpdate(
  tableName: string,
  key: Key,
  adds: ReadonlyMap<string, bigint>,
  bytes: number,
  budget: number,
): UpdateItemCommandInput {
  const { clauses, names, values } = addClauses(adds);
  const input: UpdateItemCommandInput = {
    TableName: tableName,
    Key: key,
    UpdateExpression: `ADD ${clauses.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'ALL_OLD',
    ReturnConsumedCapacity: 'TOTAL',
  };
  if (bytes > 0) {
    names['#sz'] = SIZE_ATTRIBUTE;
    values[':sz'] = { N: String(bytes) };
    values[':max'] = { N: String(budget - bytes) };
    input.UpdateExpression = `ADD ${[...clauses, '#sz :sz'].join(', ')}`;
    input.ConditionExpression = 'attribute_not_exists(#sz) OR #sz <= :max';
    input.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';
  }
  return input;
}

/**
 * Attributes an undo leaves alone: they account for entries that stay in their items after an undo (at zero),
 * not for views. The size (`Sz`) stays true because the entries keep their bytes; a day's distinct counts stay
 * true because the values' markers stay, so a retry sees them as known and does not count them again.
 */
const ACCOUNTING = new Set([SIZE_ATTRIBUTE, ...TRIE_DIMENSIONS.map(distinctAttribute)]);

/**
 * The update that takes back an applied counter update: the same item, every amount negated, no condition and
 * no change to what accounts for entries that stay (ACCOUNTING).
 */
export function negatedCounterUpdate(
  tableName: string,
  key: Key,
  adds: ReadonlyMap<string, bigint>,
): UpdateItemCommandInput | undefined {
  const negated = new Map<string, bigint>();
  for (const [name, delta] of adds) if (delta !== 0n && !ACCOUNTING.has(name)) negated.set(name, -delta);
  return negated.size === 0 ? undefined : counterUpdate(tableName, key, negated);
}

/**
 * The undo of a conversion registry write: the entries it claimed go back to 0, the others stay as they are.
 * A registry entry is claimed by the write that finds it absent or at 0, and that write's batch counts the
 * conversion. Another batch's ADD to a claimed entry counts nothing, so negating the claimer's ADD could leave
 * the entry above 0 with no conversion counted; setting it to 0 lets the claimer's retry claim it again.
 * @example releasedClaimsUpdate('footfall', key, [':3f2a…'])
 */
export function releasedClaimsUpdate(
  tableName: string,
  key: Key,
  claimed: readonly string[],
): UpdateItemCommandInput | undefined {
  if (claimed.length === 0) return undefined;
  const names: Record<string, string> = {};
  claimed.forEach((name, j) => {
    names[`#a${j}`] = name;
  });
  return {
    TableName: tableName,
    Key: key,
    UpdateExpression: `SET ${claimed.map((_, j) => `#a${j} = :zero`).join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: { ':zero': { N: '0' } },
    ReturnConsumedCapacity: 'TOTAL',
  };
}
