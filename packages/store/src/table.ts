// The table a store function talks to: a client and a table name, passed together.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** A DynamoDB client and the table it reads and writes. */
export interface Table {
  dynamodb: DynamoDBClient;
  tableName: string;
}
