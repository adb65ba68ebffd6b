// The newest hour a site has counted views in: what `footfall status` shows as "the newest aggregate write".
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { type DecodeError, PARTITION_KEY, readSeriesItem, SORT_KEY, seriesRange } from '@footfall/core-model';
import type { Table } from '../table';

/** The start (epoch ms, UTC) of the newest hour holding a counted view or bot, if any. */
export interface NewestCount {
  hourStart: number | undefined;
  readUnits: number;
  errors: DecodeError[];
}

/**
 * Series items read from the newest day back: an undone batch can leave a day's item holding only zeros, so a
 * few are read rather than one (each is ≤ 1 KB: the Query costs 1 read unit).
 */
const DAYS_LOOKED_AT = 3;

/**
 * Reads the newest series items of a site (one Query, newest first) and returns the latest hour with counts.
 * The hour says when counting last had something to count, not when it last ran: a quiet site's newest hour
 * is old and that is fine; whether counting is behind is the trigger's lag, not this.
 * @example const { hourStart } = await readNewestCount(table, 'example.com');
 */
export async function readNewestCount(table: Table, site: string): Promise<NewestCount> {
  const range = seriesRange(site, '0000-01-01', '9999-12-31');
  const out = await table.dynamodb.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: '#p = :p AND #s BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#p': PARTITION_KEY, '#s': SORT_KEY },
      ExpressionAttributeValues: {
        ':p': { S: range.partition },
        ':from': { S: range.from },
        ':to': { S: range.to },
      },
      ScanIndexForward: false,
      Limit: DAYS_LOOKED_AT,
      ConsistentRead: false,
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  const errors: DecodeError[] = [];
  let hourStart: number | undefined;
  for (const item of out.Items ?? []) {
    const read = readSeriesItem(item);
    errors.push(...read.errors);
    for (const [hour, c] of read.value)
      if (c.views + c.bots > 0 && (hourStart === undefined || hour > hourStart)) hourStart = hour;
    if (hourStart !== undefined) break;
  }
  return { hourStart, readUnits: out.ConsumedCapacity?.CapacityUnits ?? 0, errors };
}
