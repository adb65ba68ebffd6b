// Sites as data: list, add and remove site items, and write the deployment's first list once.
import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  type DecodeError,
  decodeSiteList,
  type SiteList,
  siteCreation,
  siteRemoval,
  sitesQuery,
  sitesSeededMarker,
} from '@footfall/core-model';
import { isConditionalCheckFailed } from './awsErrors';
import { queryPartition } from './queryPartition';
import type { Table } from './table';

/** The site list, what could not be read of it, and the read units it cost. */
export interface SiteListRead extends SiteList {
  errors: DecodeError[];
  readUnits: number;
}

/**
 * Reads every site with one eventually consistent Query of the `sites` partition: half a read unit for up to
 * 4 KB (~100 sites).
 * @example const { sites } = await listSites(table);
 */
export async function listSites(table: Table): Promise<SiteListRead> {
  const { items, readUnits } = await queryPartition(table, sitesQuery());
  const { value, errors } = decodeSiteList(items);
  return { ...value, errors, readUnits };
}

/**
 * Adds a site; `exists` when it is there already.
 * @example if ((await addSite(table, 'blog.example.com', Date.now())) === 'exists') …
 */
export async function addSite(table: Table, host: string, now: number): Promise<'added' | 'exists'> {
  try {
    await table.dynamodb.send(new PutItemCommand({ TableName: table.tableName, ...siteCreation(host, now) }));
    return 'added';
  } catch (error) {
    if (isConditionalCheckFailed(error)) return 'exists';
    throw error;
  }
}

/**
 * Removes a site: its events are refused from then on; its aggregates stay in the table.
 * @example if ((await removeSite(table, 'old.example.com')) === 'missing') …
 */
export async function removeSite(table: Table, host: string): Promise<'removed' | 'missing'> {
  try {
    await table.dynamodb.send(new DeleteItemCommand({ TableName: table.tableName, ...siteRemoval(host) }));
    return 'removed';
  } catch (error) {
    if (isConditionalCheckFailed(error)) return 'missing';
    throw error;
  }
}

/**
 * Writes the deployment's first list (AllowedSites) and the marker that says it was written, so sites an admin
 * removes later are not brought back by the next cold start. Safe to run from several containers at once.
 * @example await seedSites(table, config.allowedSites, Date.now());
 */
export async function seedSites(table: Table, hosts: readonly string[], now: number): Promise<void> {
  for (const host of hosts) await addSite(table, host, now);
  try {
    await table.dynamodb.send(new PutItemCommand({ TableName: table.tableName, ...sitesSeededMarker(now) }));
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
}
