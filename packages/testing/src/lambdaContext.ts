// Lambda Context objects for tests: a fresh request id and a remaining time the test controls.
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/**
 * A Lambda context with a fresh request id and 30 s remaining; `overrides` replace any field (a trigger test
 * passes its own `getRemainingTimeInMillis`).
 * @example await handler(event, lambdaContext({ getRemainingTimeInMillis: () => 60_000 }));
 */
export function lambdaContext(overrides: Partial<Context> = {}): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'footfall-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:footfall-test',
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/footfall-test',
    logStreamName: '2026/01/01/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...overrides,
  };
}
