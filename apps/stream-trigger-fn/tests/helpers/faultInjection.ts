// Fault injection at the DynamoDB client: chosen UpdateItem calls fail with a throttling error, as they would
// once the SDK's own retries are exhausted (injected before the retry step, so the SDK does not retry them).
import {
  type DynamoDBClient,
  ThrottlingException,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';

/**
 * Decides whether one UpdateItem call fails. `fingerprint` names the call by its item and amounts (an undo
 * differs from its write), `occurrence` counts identical calls within the invocation, `call` all of them.
 */
export type FaultRule = (call: {
  input: UpdateItemCommandInput;
  fingerprint: string;
  occurrence: number;
  call: number;
}) => boolean;

/** Counters of what the injector did, and the rule of the current invocation. */
export interface FaultInjector {
  /** Starts a new invocation: per-invocation counts reset and `rule` applies from now on. */
  beginInvocation(rule: FaultRule): void;
  injected: number;
  updates: number;
}

/** Adds fault injection to `client` (in place) and returns its controls. */
export function injectFaults(client: DynamoDBClient): FaultInjector {
  let rule: FaultRule = () => false;
  let seen = new Map<string, number>();
  let calls = 0;
  const injector: FaultInjector = {
    beginInvocation(next) {
      rule = next;
      seen = new Map();
      calls = 0;
    },
    injected: 0,
    updates: 0,
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'UpdateItemCommand') return next(args);
      const input = args.input as UpdateItemCommandInput;
      const fingerprint = JSON.stringify([input.Key, input.ExpressionAttributeValues]);
      const occurrence = (seen.get(fingerprint) ?? 0) + 1;
      seen.set(fingerprint, occurrence);
      injector.updates++;
      if (rule({ input, fingerprint, occurrence, call: calls++ })) {
        injector.injected++;
        throw new ThrottlingException({
          message: 'injected: rate of requests exceeds the allowed throughput',
          $metadata: {},
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'faultInjection' },
  );
  return injector;
}
