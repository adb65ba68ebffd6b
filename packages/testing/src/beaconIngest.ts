// Beacon requests ingested at their own moments through the steps api-fn's POST /api/event takes, for tests and
// the benchmark that need a workload's clock (the built handler reads the real one).
import {
  type CustomEvent,
  customEvent,
  type EngagementEvent,
  engagementEvent,
  enrichEvent,
  enrichPageview,
  type PageviewEvent,
  pageviewEvent,
  type RawEvent,
  type RawView,
} from '@footfall/core-model';
import { parseUserAgent } from '@footfall/ua';

/** One request to POST /api/event, and the moment it arrives. */
export interface BeaconRequest {
  at: number;
  userAgent: string;
  body: Record<string, unknown>;
}

/**
 * The writes a request ends in: store's `recordPageview` and `recordEngagement`, passed in by the caller so
 * this package stays below store (store's own tests use it).
 */
export interface IngestWrites<T> {
  recordPageview(table: T, view: RawView): Promise<unknown>;
  recordEngagement(
    table: T,
    id: string,
    report: { duration: number; scroll: number },
    now: number,
  ): Promise<unknown>;
  /** store's `recordEvent`, for workloads with custom events. */
  recordEvent?(table: T, event: RawEvent): Promise<unknown>;
}

/** Raw views are kept this long by default (template.yaml's RetentionDays). */
const RETENTION_DAYS = 30;

/**
 * Ingests `requests` in order, each at its own moment, as api-fn does: the body validated by core-model's
 * schemas, a pageview (or custom event) enriched with its parsed user agent and written by store, an engagement
 * written by store.
 * Throws on a body api-fn would refuse, so a workload cannot silently lose a request.
 * @example await ingestBeaconRequests(table, beaconWorkload(7, 150), { recordPageview, recordEngagement });
 */
export async function ingestBeaconRequests<T>(
  table: T,
  requests: readonly BeaconRequest[],
  writes: IngestWrites<T>,
  retentionDays = RETENTION_DAYS,
): Promise<void> {
  for (const r of requests) {
    if (r.body.type === 'pageview') {
      const event = pageviewEvent.safeParse(r.body);
      if (!event.success) throw new Error(`pageview refused: ${JSON.stringify(event.error.issues[0])}`);
      const view = enrichPageview(
        event.data as PageviewEvent,
        parseUserAgent(r.userAgent),
        r.at,
        retentionDays,
      );
      await writes.recordPageview(table, view);
    } else if (r.body.type === 'event') {
      const event = customEvent.safeParse(r.body);
      if (!event.success) throw new Error(`event refused: ${JSON.stringify(event.error.issues[0])}`);
      if (!writes.recordEvent) throw new Error('a custom event in a workload ingested without recordEvent');
      const stored = enrichEvent(event.data as CustomEvent, parseUserAgent(r.userAgent), r.at, retentionDays);
      await writes.recordEvent(table, stored);
    } else {
      const event = engagementEvent.safeParse(r.body);
      if (!event.success) throw new Error(`engagement refused: ${JSON.stringify(event.error.issues[0])}`);
      const { id, duration, scroll } = event.data as EngagementEvent;
      await writes.recordEngagement(table, id, { duration, scroll }, r.at);
    }
  }
}
