// The parts of DynamoDB commands that core-model builds (every name and condition), for store to send.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { SectionRange } from './aggregateKeys';
import type { Item } from './attributes';
import { type Key, PARTITION_KEY, SORT_KEY } from './keys';

/** The parts of an UpdateItem (without TableName) that core-model builds. */
export interface UpdateParts {
  Key: Key;
  UpdateExpression: string;
  ConditionExpression?: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, AttributeValue>;
}

/** The parts of a PutItem (without TableName). */
export interface PutParts {
  Item: Item;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
}

/** The parts of a DeleteItem (without TableName). */
export interface DeleteParts {
  Key: Key;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
}

/** The key condition of a Query (without TableName). */
export interface QueryParts {
  KeyConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, AttributeValue>;
}

/** The filter of a Scan (without TableName). */
export interface ScanParts {
  FilterExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, AttributeValue>;
}

/**
 * Every item of one partition whose sort key lies within the range's bounds (inclusive).
 * @example queryParts = rangeQuery(seriesRange(site, '2026-01-01', '2026-01-31'))
 */
export function rangeQuery(range: SectionRange): QueryParts {
  return {
    KeyConditionExpression: '#p = :p AND #s BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#p': PARTITION_KEY, '#s': SORT_KEY },
    ExpressionAttributeValues: {
      ':p': { S: range.partition },
      ':from': { S: range.from },
      ':to': { S: range.to },
    },
  };
}

/** Every item of one partition. @example partitionQuery(DEAD_LETTER_PARTITION) */
export function partitionQuery(partition: string): QueryParts {
  return {
    KeyConditionExpression: '#p = :p',
    ExpressionAttributeNames: { '#p': PARTITION_KEY },
    ExpressionAttributeValues: { ':p': { S: partition } },
  };
}

/** The condition that an item exists, for writes that must not create one. */
export const itemExists = {
  ConditionExpression: 'attribute_exists(#p)',
  ExpressionAttributeNames: { '#p': PARTITION_KEY },
};

/** The condition that no item exists yet under the key, for writes that must not replace one. */
export const itemAbsent = {
  ConditionExpression: 'attribute_not_exists(#p)',
  ExpressionAttributeNames: { '#p': PARTITION_KEY },
};
