// The per-invocation summary: one JSON log line that is also a CloudWatch Embedded Metric Format document.

/** What one invocation did. */
export interface InvocationMetrics {
  /** Records in the event. */
  recordsSeen: number;
  /** View changes whose counters are now in the table (0 when the batch was rolled back). */
  recordsApplied: number;
  /** Deletes and non-view records, left alone by design. */
  recordsSkipped: number;
  /** Records that could not be decoded, logged and skipped. */
  recordsPoison: number;
  /** Forward UpdateItem calls that succeeded. */
  itemsWritten: number;
  /** Write units of every successful call (forward and undo), from ReturnConsumedCapacity, plus one per write refused by its size condition. */
  writeUnits: number;
  /** Read units spent learning trie items and distinct counts (a warm container reads almost nothing). */
  readUnits: number;
  /** Undo UpdateItem calls that succeeded. */
  undoCount: number;
  /** Forward writes that could not be undone (each over-counts once when the batch is retried). */
  unreverted: number;
  /** Writes and records set aside as dead letters (`footfall dead-letters list`): alarm on any. */
  deadLettered: number;
  /** Distinct values (pages, referrers, UTM values) seen for the first time that day. */
  newValues: number;
  /** New values counted in (other) because their day had reached the cap of distinct values. */
  cappedValues: number;
  /** Trie writes refused because the item filled up meanwhile (routed again in the same invocation). */
  conditionalFailures: number;
}

/** How the batch ended: applied, rolled back for a retry, or rolled back with writes left applied. */
export type BatchStatus = 'applied' | 'nothing-to-do' | 'rolled-back' | 'double-fault';

const UNITS: Record<keyof InvocationMetrics, 'Count'> = {
  recordsSeen: 'Count',
  recordsApplied: 'Count',
  recordsSkipped: 'Count',
  recordsPoison: 'Count',
  itemsWritten: 'Count',
  writeUnits: 'Count',
  readUnits: 'Count',
  undoCount: 'Count',
  unreverted: 'Count',
  deadLettered: 'Count',
  newValues: 'Count',
  cappedValues: 'Count',
  conditionalFailures: 'Count',
};

/** The dimension every metric is filed under. */
export const SERVICE = 'stream-trigger-fn';

/**
 * The fields of the summary line. With a namespace, an `_aws` block makes CloudWatch extract the counts as
 * metrics (EMF) from the same line, with no client library and no API call.
 * @example log.always('invocation', metricsFields(m, 'applied', { namespace: 'Footfall', now: Date.now() }))
 */
export function metricsFields(
  metrics: InvocationMetrics,
  status: BatchStatus,
  options: { namespace: string | undefined; now: number; durationMs?: number },
): Record<string, unknown> {
  const fields: Record<string, unknown> = { Service: SERVICE, status, ...metrics };
  if (options.durationMs !== undefined) fields.durationMs = options.durationMs;
  if (options.namespace === undefined || options.namespace === '') return fields;
  return {
    _aws: {
      Timestamp: options.now,
      CloudWatchMetrics: [
        {
          Namespace: options.namespace,
          Dimensions: [['Service']],
          Metrics: Object.entries(UNITS).map(([Name, Unit]) => ({ Name, Unit })),
        },
      ],
    },
    ...fields,
  };
}
