// Lambda Context objects for tests, with a controllable remaining time.
import { lambdaContext as baseContext } from '@footfall/testing';
import type { Context } from 'aws-lambda';

/** A Lambda context whose `getRemainingTimeInMillis` is `remainingMs` (a minute by default). */
export const lambdaContext = (remainingMs: () => number = () => 60_000): Context =>
  baseContext({ functionName: 'stream-trigger-fn', getRemainingTimeInMillis: remainingMs });

/**
 * A context that starts with a minute and still has it for the first `checks` deadline checks (one before
 * each write), then is nearly out of time: an invocation about to time out after partial work.
 */
export function contextRunningOutAfter(checks: number, nearlyOutMs = 5_000): Context {
  let asked = 0;
  // The first question is the handler's own, when the invocation starts.
  return lambdaContext(() => (++asked > checks + 1 ? nearlyOutMs : 60_000));
}
