// Makes chosen calls of a real DynamoDB Local client fail, as a connection that breaks or throttles would.
import { type DynamoDBClient, ThrottlingException } from '@aws-sdk/client-dynamodb';

/** Decides whether a call fails, from its command name (`PutItemCommand`, …) and input. */
export type FailWhen = (command: string, input: Record<string, unknown>) => boolean;

/**
 * Adds a fault to `client` in place (before the SDK's retries: a failure is what the call ends with) and returns
 * the function that takes it away again.
 */
export function failCalls(client: DynamoDBClient, when: FailWhen): () => void {
  const name = `failCalls-${Math.random().toString(36).slice(2)}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (when(context.commandName ?? '', args.input as Record<string, unknown>))
        throw new ThrottlingException({ message: 'injected: the call failed', $metadata: {} });
      return next(args);
    },
    { step: 'initialize', name },
  );
  return () => {
    client.middlewareStack.remove(name);
  };
}
