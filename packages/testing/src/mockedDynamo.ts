// A DynamoDB client whose calls aws-sdk-client-mock answers: the real class, so the code under test cannot tell.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * A client (region and credentials set, so nothing is looked up) and its mock; answer calls with `mock.on(...)`.
 * @example const { client, mock } = mockedDynamo(); mock.on(QueryCommand).resolves({ Items: [] });
 */
export function mockedDynamo() {
  const client = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  const mock = mockClient(client);
  return { client, mock };
}

/** The mock `mockedDynamo` returns. */
export type DynamoMock = ReturnType<typeof mockedDynamo>['mock'];
