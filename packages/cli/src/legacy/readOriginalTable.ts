// Reads the whole original table (a Scan: its partitions are per page, so no Query can list them) into the
// neutral form, page by page, so a table of years of raw views never sits in memory as items.
import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Item } from '@footfall/core-model';
import { LegacyFold, type LegacyImport } from './legacyImport';
import { decodeOriginalItem, describeKey } from './originalItems';

/** Upper bound on Scan pages (1 MB each): a runaway scan stops instead of looping forever. */
const MAX_PAGES = 100_000;

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
  let startKey: Item | undefined;
  let read = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await client.send(
      new ScanCommand({ TableName: table, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
    );
    for (const item of out.Items ?? []) fold.add(decodeOriginalItem(item), describeKey(item));
    read += out.Items?.length ?? 0;
    onPage?.(read);
    startKey = out.LastEvaluatedKey;
    if (!startKey) break;
  }
  return fold.finish();
}
