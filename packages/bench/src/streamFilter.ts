// The stream records Lambda would hand the trigger: the real stream through template.yaml's own filter patterns,
// so items the trigger never sees in AWS (the site list api-fn writes, pending engagement) are left out here too.
import { join } from 'node:path';
import { findRepoRoot } from '@footfall/dynamodb-local';
import { type FilterPattern, matchesFilterCriteria, readStreamEventSettings } from '@footfall/template';
import type { DynamoDBRecord } from 'aws-lambda';

let patterns: FilterPattern[] | undefined;

/** The trigger's event filter patterns, read once from template.yaml. */
function filterPatterns(): FilterPattern[] {
  if (patterns) return patterns;
  const settings = readStreamEventSettings(join(findRepoRoot(), 'template.yaml'));
  if (!settings.ok) throw settings.error;
  patterns = settings.value.filterPatterns;
  return patterns;
}

/**
 * The records of `records` that pass the trigger's event filter, in order.
 * @example const records = triggerRecords(raw.map((r) => toLambdaRecord(r, streamArn)));
 */
export function triggerRecords(records: readonly DynamoDBRecord[]): DynamoDBRecord[] {
  const p = filterPatterns();
  return records.filter((r) => matchesFilterCriteria(r, p));
}
