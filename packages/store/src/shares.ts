// Share links: create, read, list and delete the items behind `/share/{id}`.
import { DeleteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  type Decoded,
  type DecodeError,
  decodeShare,
  decodeShareList,
  type ShareLink,
  shareCreation,
  shareKey,
  shareRemoval,
  sharesQuery,
} from '@footfall/core-model';
import { isConditionalCheckFailed } from './awsErrors';
import { queryPartition } from './queryPartition';
import type { Table } from './table';

/**
 * Stores a new share link; `exists` only if the id is taken.
 * @example await createShare(table, { id, site, createdAt: now, origins: [] });
 */
export async function createShare(table: Table, link: ShareLink): Promise<'created' | 'exists'> {
  try {
    await table.dynamodb.send(new PutItemCommand({ TableName: table.tableName, ...shareCreation(link) }));
    return 'created';
  } catch (error) {
    if (isConditionalCheckFailed(error)) return 'exists';
    throw error;
  }
}

/**
 * Reads one share link (eventually consistent GetItem, half a read unit): undefined when there is none.
 * @example const { link } = await readShare(table, id);
 */
export async function readShare(
  table: Table,
  id: string,
): Promise<{ link: Decoded<ShareLink> | undefined; readUnits: number }> {
  const out = await table.dynamodb.send(
    new GetItemCommand({ TableName: table.tableName, Key: shareKey(id), ReturnConsumedCapacity: 'TOTAL' }),
  );
  return {
    link: out.Item === undefined ? undefined : decodeShare(out.Item),
    readUnits: out.ConsumedCapacity?.CapacityUnits ?? 0,
  };
}

/**
 * Lists the share links of one site (or every site's when `site` is undefined) with one Query.
 * @example const { links } = await listShares(table, 'example.com');
 */
export async function listShares(
  table: Table,
  site?: string,
): Promise<{ links: ShareLink[]; errors: DecodeError[]; readUnits: number }> {
  const { items, readUnits } = await queryPartition(table, sharesQuery());
  const { links, errors } = decodeShareList(items);
  return { links: site === undefined ? links : links.filter((l) => l.site === site), errors, readUnits };
}

/**
 * Deletes a share link of `site`; `missing` when there is none (or it belongs to another site).
 * @example await deleteShare(table, 'example.com', id);
 */
export async function deleteShare(table: Table, site: string, id: string): Promise<'deleted' | 'missing'> {
  try {
    await table.dynamodb.send(
      new DeleteItemCommand({ TableName: table.tableName, ...shareRemoval(id, site) }),
    );
    return 'deleted';
  } catch (error) {
    if (isConditionalCheckFailed(error)) return 'missing';
    throw error;
  }
}
