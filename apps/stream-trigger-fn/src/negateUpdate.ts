// The inverse of one counter update: what the trigger sends to take back a write of a batch it cannot finish.
import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { err, ok, type Result } from '@footfall/core-model';
import { NotACounterUpdateError } from './errors';

const INTEGER = /^-?\d{1,38}$/;

/**
 * Negates an ADD-only counter update (what core-model's `counterUpdates` produces): the same item and
 * attributes with every amount's sign flipped, so applying both leaves every counter as it was. ADD
 * commutes, so the inverse is exact even when other shards updated the item in between.
 * @example negateUpdate(counterUpdates(table, key, adds)[0])
 */
export function negateUpdate(
  input: UpdateItemCommandInput,
): Result<UpdateItemCommandInput, NotACounterUpdateError> {
  const expression = input.UpdateExpression ?? '';
  // Only a pure ADD clause is its own kind of inverse; SET/REMOVE/DELETE cannot be undone by negation.
  if (!/^ADD\s/.test(expression) || /\b(SET|REMOVE|DELETE)\b/.test(expression))
    return err(new NotACounterUpdateError(`not an ADD-only expression: ${expression.slice(0, 40)}`));
  if (input.ConditionExpression !== undefined)
    return err(new NotACounterUpdateError('conditional updates are not counter updates'));
  const values: NonNullable<UpdateItemCommandInput['ExpressionAttributeValues']> = {};
  for (const [name, value] of Object.entries(input.ExpressionAttributeValues ?? {})) {
    const n = value.N;
    if (n === undefined || !INTEGER.test(n))
      return err(new NotACounterUpdateError(`${name} is not an integer N`));
    values[name] = { N: (-BigInt(n)).toString() };
  }
  return ok({ ...input, ExpressionAttributeValues: values });
}
