// aws-sdk-client-mock set-ups: reads answered from given items, what a mocked ingest wrote, AWS-shaped errors.
import {
  BatchGetItemCommand,
  type BatchGetItemCommandInput,
  GetItemCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  type Decoded,
  decodeRawView,
  encodeUser,
  type Item,
  type RawView,
  type User,
  userKey,
} from '@footfall/core-model';
import { awsError, conditionFailed, type DynamoMock, mockedDynamo, networkError } from '@footfall/testing';
import { MemoryTable } from './memoryTable';

export { awsError, conditionFailed, mockedDynamo, networkError };

type Mock = DynamoMock;

/**
 * Makes Query and BatchGetItem (the reads of the reports) answer like DynamoDB would from `items`: same
 * partition, sort key within BETWEEN bounds; keys that hold nothing are left out. Each call costs 0.5 units.
 */
export function answerReads(mock: Mock, items: readonly Item[] | MemoryTable): MemoryTable {
  const table = items instanceof MemoryTable ? items : new MemoryTable(items);
  mock.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const hits = table.query(input);
    return { Items: hits, Count: hits.length, ConsumedCapacity: { CapacityUnits: 0.5 } };
  });
  mock.on(BatchGetItemCommand).callsFake((input: BatchGetItemCommandInput) => ({
    ...table.batchGet(input),
    ConsumedCapacity: Object.keys(input.RequestItems ?? {}).map((TableName) => ({
      TableName,
      CapacityUnits: 0.5,
    })),
  }));
  return table;
}

/** A mocked client over an in-memory table that takes aggregate writes (store's `aggregate`) and reads. */
export function memoryDynamo(table = new MemoryTable()) {
  const { client, mock } = mockedDynamo();
  answerReads(mock, table);
  mock
    .on(GetItemCommand)
    .callsFake((input) => ({ ...table.get(input), ConsumedCapacity: { CapacityUnits: 1 } }));
  mock.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => ({
    ...table.update(input),
    ConsumedCapacity: { CapacityUnits: 1 },
  }));
  return { client, mock, table };
}

/**
 * The raw view a mocked pageview upsert wrote, read back from its key and its `SET #name = :value` parts, as
 * DynamoDB would store it on a new item.
 */
export function viewWritten(input: UpdateItemCommandInput | undefined): Decoded<RawView> {
  const names = input?.ExpressionAttributeNames ?? {};
  const values = input?.ExpressionAttributeValues ?? {};
  const item: Item = { ...(input?.Key ?? {}) };
  const set = /^SET (.+)$/.exec(input?.UpdateExpression ?? '')?.[1] ?? '';
  for (const part of set.split(', ')) {
    const m = /^(#\w+) = (:\w+)$/.exec(part);
    const name = names[m?.[1] ?? ''];
    const value = values[m?.[2] ?? ''];
    if (name !== undefined && value !== undefined) item[name] = value;
  }
  return decodeRawView(item);
}

/** The pageview upserts a mocked client received, in order. */
export const pageviewWrites = (mock: Mock): UpdateItemCommandInput[] =>
  mock
    .commandCalls(UpdateItemCommand)
    .map((c) => c.args[0].input)
    .filter((i) => Object.values(i.ExpressionAttributeNames ?? {}).includes('Page'));

/** Makes GetItem answer the given users' items (and nothing for any other key), as a strongly consistent read. */
export function answerUsers(mock: Mock, users: readonly User[]): void {
  mock.on(GetItemCommand).resolves({ ConsumedCapacity: { CapacityUnits: 1 } });
  for (const user of users)
    mock
      .on(GetItemCommand, { Key: userKey(user.username) })
      .resolves({ Item: encodeUser(user), ConsumedCapacity: { CapacityUnits: 1 } });
}
