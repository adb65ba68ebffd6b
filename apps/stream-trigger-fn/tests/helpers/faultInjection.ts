// Fails chosen DynamoDB calls with throttling, as after the SDK's own retries (injected before them).
import { type DynamoDBClient, ThrottlingException } from '@aws-sdk/client-dynamodb';

/** The commands faults are injected into: everything the trigger sends. */
export const FAULTY_COMMANDS = [
  'UpdateItemCommand',
  'GetItemCommand',
  'BatchGetItemCommand',
  'PutItemCommand',
  'DeleteItemCommand',
] as const;
export type FaultyCommand = (typeof FAULTY_COMMANDS)[number];

/**
 * Decides whether one call fails. `fingerprint` names the call by its command, item and amounts (an undo
 * differs from its write), `occurrence` counts identical calls within the invocation, `call` all calls and
 * `write` the writes (UpdateItem, PutItem, DeleteItem) of the invocation so far.
 */
export type FaultRule = (call: {
  command: FaultyCommand;
  input: Record<string, unknown>;
  fingerprint: string;
  occurrence: number;
  call: number;
  write: number;
}) => boolean;

/** Counters of what the injector did, and the rule of the current invocation. */
export interface FaultInjector {
  /** Starts a new invocation: per-invocation counts reset and `rule` applies from now on. */
  beginInvocation(rule: FaultRule): void;
  /** Calls made to fail, by command. */
  injected: Record<FaultyCommand, number>;
  /** Calls seen, by command. */
  calls: Record<FaultyCommand, number>;
}

const zeroes = () => Object.fromEntries(FAULTY_COMMANDS.map((c) => [c, 0])) as Record<FaultyCommand, number>;

/** What identifies a call: its command, the item(s) it targets and the amounts it carries. */
function fingerprintOf(command: FaultyCommand, input: Record<string, unknown>): string {
  // A dead letter's id is unique per attempt; its source record names it across attempts.
  const item = input.Item as Record<string, unknown> | undefined;
  const target = input.Key ?? input.RequestItems ?? [item?.Source, item?.TargetSection, item?.Adds];
  return JSON.stringify([command, target, input.ExpressionAttributeValues]);
}

/** Adds fault injection to `client` (in place) and returns its controls. */
export function injectFaults(client: DynamoDBClient): FaultInjector {
  let rule: FaultRule = () => false;
  let seen = new Map<string, number>();
  let calls = 0;
  let writes = 0;
  const injector: FaultInjector = {
    beginInvocation(next) {
      rule = next;
      seen = new Map();
      calls = 0;
      writes = 0;
    },
    injected: zeroes(),
    calls: zeroes(),
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName as FaultyCommand;
      if (!FAULTY_COMMANDS.includes(command)) return next(args);
      const input = args.input as Record<string, unknown>;
      const fingerprint = fingerprintOf(command, input);
      const occurrence = (seen.get(fingerprint) ?? 0) + 1;
      seen.set(fingerprint, occurrence);
      injector.calls[command]++;
      const isWrite = command !== 'GetItemCommand' && command !== 'BatchGetItemCommand';
      const fails = rule({
        command,
        input,
        fingerprint,
        occurrence,
        call: calls++,
        write: isWrite ? writes : -1,
      });
      if (isWrite) writes++;
      if (fails) {
        injector.injected[command]++;
        throw new ThrottlingException({
          message: 'injected: rate of requests exceeds the allowed throughput',
          $metadata: {},
        });
      }
      return next(args);
    },
    // Before the retry step: an injected fault is what a call ends with once the SDK's retries gave up.
    { step: 'initialize', name: 'faultInjection' },
  );
  return injector;
}
