// A DynamoDB Local client whose chosen calls fail, as a connection that breaks (or a process that dies) would.
import { DynamoDBClient, ThrottlingException } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '@footfall/dynamodb-local';

/** Decides whether a call fails, from its command name (`PutItemCommand`, …) and input. */
export type FailWhen = (command: string, input: Record<string, unknown>) => boolean;

/** A new client of `endpoint` whose calls fail when `when` says so (before the SDK's retries). */
export function faultyClient(endpoint: string, when: FailWhen): DynamoDBClient {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (when(context.commandName ?? '', args.input as Record<string, unknown>))
        throw new ThrottlingException({ message: 'injected: the connection is gone', $metadata: {} });
      return next(args);
    },
    { step: 'initialize', name: 'faultyClient' },
  );
  return client;
}
