// aws-sdk-client-mock passing calls on to DynamoDB Local, failing chosen ones as it cannot itself.
import {
  BatchGetItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { Table } from '@footfall/store';
import { mockedDynamo, serverError, throttled, timedOut } from '@footfall/testing';

export { serverError, throttled, timedOut };

/** The commands the trigger sends, by name. */
const COMMANDS = {
  UpdateItem: UpdateItemCommand,
  GetItem: GetItemCommand,
  BatchGetItem: BatchGetItemCommand,
  PutItem: PutItemCommand,
  DeleteItem: DeleteItemCommand,
  Query: QueryCommand,
} as const;
export type CommandName = keyof typeof COMMANDS;

/** An undo: an unconditional ADD of negative amounts only (forward aggregate writes never subtract). */
export const isUndo = (input: UpdateItemCommandInput): boolean =>
  input.ConditionExpression === undefined &&
  Object.values(input.ExpressionAttributeValues ?? {}).every((v) => (v.N ?? '').startsWith('-'));

/** One call the trigger made, and whether it was made to fail. */
export interface Call {
  command: CommandName;
  // biome-ignore lint/suspicious/noExplicitAny: the input type differs per command; tests narrow it by `command`.
  input: any;
  /** The n-th call of the client, from 0. */
  index: number;
  failed: boolean;
}

/** Decides per call whether it fails, and with what (undefined: it goes through to the table). */
export type FailRule = (call: Omit<Call, 'failed'>) => Error | undefined;

/**
 * A DynamoDBClient whose calls go through to `table` unless `fail` returns an error for them. `calls` lists
 * them in order; `setRule` changes the rule between invocations (a throttling storm that passes).
 */
export function mockedDynamoDB(table: Table, fail: FailRule = () => undefined) {
  const { client, mock } = mockedDynamo();
  const calls: Call[] = [];
  let rule = fail;
  for (const [name, Command] of Object.entries(COMMANDS) as [CommandName, (typeof COMMANDS)[CommandName]][])
    mock.on(Command as typeof UpdateItemCommand).callsFake(async (input: unknown) => {
      const call = { command: name, input, index: calls.length };
      const error = rule(call);
      calls.push({ ...call, failed: error !== undefined });
      if (error !== undefined) throw error;
      // biome-ignore lint/suspicious/noExplicitAny: forwarded as received, to the same command on the real table.
      return table.dynamodb.send(new (Command as any)(input));
    });
  return {
    client,
    mock,
    calls,
    setRule(next: FailRule) {
      rule = next;
    },
  };
}

/** The UpdateItem calls that went through and were not undos. */
export const forwardWrites = (calls: readonly Call[]) =>
  calls.filter((c) => c.command === 'UpdateItem' && !c.failed && !isUndo(c.input));

/** The UpdateItem calls that went through and were undos. */
export const undoWrites = (calls: readonly Call[]) =>
  calls.filter((c) => c.command === 'UpdateItem' && !c.failed && isUndo(c.input));
