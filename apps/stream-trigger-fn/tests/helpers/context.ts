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

/**
 * A context that starts with a minute and still has it for the first `checks` deadline checks (one before
 * each write), then is nearly out of time: an invocation about to time out after partial work.
 */
export function contextRunningOutAfter(checks: number, nearlyOutMs = 5_000): Context {
  let asked = 0;
  // The first question is the handler's own, when the invocation starts.
  return lambdaContext(() => (++asked > checks + 1 ? nearlyOutMs : 60_000));
}
