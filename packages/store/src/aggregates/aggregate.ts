// Applies a delta outside Lambda (tests, the CLI's imports): no deadline, fresh or given knowledge.
import type { ViewDelta } from '@footfall/core-model';
import type { Table } from '../table';
import { type AggregateOutcome, type AggregateWriteContext, applyViewDelta } from './applyViewDelta';
import { TrieKnowledge } from './TrieKnowledge';

/** Options of `aggregate`. */
export interface AggregateOptions {
  knowledge?: TrieKnowledge;
  concurrency?: number;
  now?: () => number;
  caps?: AggregateWriteContext['caps'];
}

/**
 * Writes a delta with the trigger's own rules (tries, caps, dead letters, all-or-nothing), with no deadline.
 * @example const delta = new ViewDelta(); delta.addChange(undefined, view); await aggregate(table, delta);
 */
export function aggregate(
  table: Table,
  delta: ViewDelta,
  options: AggregateOptions = {},
): Promise<AggregateOutcome> {
  return applyViewDelta(delta, [], {
    ...table,
    knowledge: options.knowledge ?? new TrieKnowledge(),
    concurrency: options.concurrency ?? 8,
    nearDeadline: () => false,
    remainingMs: () => Number.POSITIVE_INFINITY,
    undoRounds: 8,
    undoFloorMs: 0,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    now: options.now ?? Date.now,
    ...(options.caps ? { caps: options.caps } : {}),
  });
}
