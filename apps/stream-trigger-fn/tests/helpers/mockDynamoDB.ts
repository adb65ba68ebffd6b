// aws-sdk-client-mock wiring: UpdateItem calls land in a MemoryTable unless a test makes them fail.
import {
  DynamoDBClient,
  ThrottlingException,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { MemoryTable } from './memoryTable';

/** The error a throttled write ends with once the SDK's own retries are exhausted. */
export const throttled = () =>
  new ThrottlingException({ message: 'Rate of requests exceeds the allowed throughput.', $metadata: {} });

/** Is this update an undo (every amount negative, as negateUpdate makes positive deltas)? */
export const isUndo = (input: UpdateItemCommandInput): boolean =>
  Object.values(input.ExpressionAttributeValues ?? {}).every((v) => (v.N ?? '').startsWith('-'));

/**
 * A mocked DynamoDBClient backed by a MemoryTable. `fail(input, callIndex)` decides, per UpdateItem call,
 * whether it is rejected (as after the SDK's retries) instead of applied.
 */
export function mockedDynamoDB(fail: (input: UpdateItemCommandInput, call: number) => boolean = () => false) {
  const client = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  const mock = mockClient(client);
  const table = new MemoryTable();
  const calls: { input: UpdateItemCommandInput; failed: boolean }[] = [];
  mock.on(UpdateItemCommand).callsFake(async (input: UpdateItemCommandInput) => {
    const failed = fail(input, calls.length);
    calls.push({ input, failed });
    if (failed) throw throttled();
    table.apply(input);
    return { ConsumedCapacity: { TableName: input.TableName, CapacityUnits: 1 }, $metadata: {} };
  });
  return { client, mock, table, calls };
}
