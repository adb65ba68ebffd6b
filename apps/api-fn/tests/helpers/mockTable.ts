// aws-sdk-client-mock set-ups: a Query that answers from given items by key range, and AWS-shaped errors.
import {
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { encodeUser, type Item, PARTITION_KEY, SORT_KEY, type User, userKey } from '@footfall/core-model';
import { mockClient } from 'aws-sdk-client-mock';

/** A mocked client (the real class, so the handler cannot tell) and its stub. */
export function mockedDynamo() {
  const client = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  const mock = mockClient(client);
  return { client, mock };
}

const s = (v: unknown): string => (v as { S?: string } | undefined)?.S ?? '';

/** Makes Query answer like DynamoDB would from `items`: same partition, sort key within BETWEEN bounds. */
export function answerQueries(mock: ReturnType<typeof mockedDynamo>['mock'], items: readonly Item[]): void {
  mock.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const values = input.ExpressionAttributeValues ?? {};
    const partition = s(values[':p']);
    const from = s(values[':from']);
    const to = s(values[':to']);
    const hits = items
      .filter((i) => s(i[PARTITION_KEY]) === partition && s(i[SORT_KEY]) >= from && s(i[SORT_KEY]) <= to)
      .sort((a, b) => (s(a[SORT_KEY]) < s(b[SORT_KEY]) ? -1 : 1));
    return { Items: hits, Count: hits.length, ConsumedCapacity: { CapacityUnits: 0.5 } };
  });
}

/** Makes GetItem answer the given users' items (and nothing for any other key), as a strongly consistent read. */
export function answerUsers(mock: ReturnType<typeof mockedDynamo>['mock'], users: readonly User[]): void {
  mock.on(GetItemCommand).resolves({ ConsumedCapacity: { CapacityUnits: 1 } });
  for (const user of users)
    mock
      .on(GetItemCommand, { Key: userKey(user.username) })
      .resolves({ Item: encodeUser(user), ConsumedCapacity: { CapacityUnits: 1 } });
}

/** An error shaped like the SDK's service exceptions (name, $metadata, $fault). */
export function awsError(name: string, status = 400): Error {
  const e = new Error(`${name} (simulated)`) as Error & { $metadata: object; $fault: string };
  e.name = name;
  e.$metadata = { httpStatusCode: status };
  e.$fault = status >= 500 ? 'server' : 'client';
  return e;
}

/** A network failure as Node reports it. */
export function networkError(code = 'ECONNRESET'): Error {
  const e = new Error(`socket hang up (${code})`) as Error & { code: string };
  e.code = code;
  return e;
}
