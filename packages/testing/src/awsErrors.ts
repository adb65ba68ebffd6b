// Errors shaped like the AWS SDK's, for tests that make DynamoDB (or the network) fail on purpose.
import { InternalServerError, ThrottlingException } from '@aws-sdk/client-dynamodb';
import type { Item } from '@footfall/core-model';

/** An error shaped like the SDK's service exceptions (name, $metadata, $fault). */
export function awsError(name: string, status = 400): Error {
  const e = new Error(`${name} (simulated)`) as Error & { $metadata: object; $fault: string };
  e.name = name;
  e.$metadata = { httpStatusCode: status };
  e.$fault = status >= 500 ? 'server' : 'client';
  return e;
}

/** A network failure as Node reports it. */
export function networkError(code = 'ECONNRESET'): Error {
  const e = new Error(`socket hang up (${code})`) as Error & { code: string };
  e.code = code;
  return e;
}

/** DynamoDB's refusal of a conditional write, carrying the item as it stood (ReturnValuesOnConditionCheckFailure). */
export function conditionFailed(item?: Item): Error {
  const e = awsError('ConditionalCheckFailedException') as Error & { Item?: Item };
  if (item !== undefined) e.Item = item;
  return e;
}

/** The error a throttled call ends with once the SDK's own retries are exhausted. */
export const throttled = () =>
  new ThrottlingException({ message: 'Rate of requests exceeds the allowed throughput.', $metadata: {} });

/** A 500 from DynamoDB. */
export const serverError = () =>
  Object.assign(new InternalServerError({ message: 'Internal server error', $metadata: {} }), {
    $metadata: { httpStatusCode: 500 },
  });

/** A request the SDK cut after its request timeout. */
export const timedOut = () => Object.assign(new Error('Request timed out'), { name: 'TimeoutError' });
