// Reads the whole original table (a Scan: its partitions are per page, so no Query can list them) into the
// neutral form, page by page, so a table of years of raw views never sits in memory as items.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { scanItems } from '@footfall/store';
import { LegacyFold, type LegacyImport } from './legacyImport';
import { decodeOriginalItem, describeKey } from './originalItems';

/**
 * Scans `table` and folds every item into what an import would write for `site` (undefined: visitors and referrers
 * are not derived); unreadable items are counted and described, never thrown.
 * @example const legacy = await readOriginalTable(client, 'BlakeRainAnalytics', 'blakerain.com');
 */
export async function readOriginalTable(
  client: DynamoDBClient,
  table: string,
  site: string | undefined,
  onPage?: (itemsSoFar: number) => void,
): Promise<LegacyImport> {
  const fold = new LegacyFold(table, site);
  let read = 0;
  for await (const items of scanItems({ dynamodb: client, tableName: table })) {
    for (const item of items) fold.add(decodeOriginalItem(item), describeKey(item));
    read += items.length;
    onPage?.(read);
  }
  return fold.finish();
}
