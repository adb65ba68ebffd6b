// Lambda Context objects for tests, with a controllable remaining time.
import type { Context } from 'aws-lambda';

/** A Lambda context whose `getRemainingTimeInMillis` is `remainingMs` (a minute by default). */
export function lambdaContext(remainingMs: () => number = () => 60_000): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'stream-trigger-fn',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:stream-trigger-fn',
    memoryLimitInMB: '256',
    awsRequestId: '00000000-0000-4000-8000-000000000000',
    logGroupName: '/aws/lambda/stream-trigger-fn',
    logStreamName: 'test',
    getRemainingTimeInMillis: remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** A context that has plenty of time for the first `calls` deadline checks, then is nearly out of it. */
export function contextRunningOutAfter(calls: number, nearlyOutMs = 5_000): Context {
  let asked = 0;
  return lambdaContext(() => (++asked > calls ? nearlyOutMs : 60_000));
}
