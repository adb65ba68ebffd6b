// Whether counting is behind, as GET /api/status answers it: the counting alarm's state, read at most once per
// cache period per container. This file loads no SDK: the CloudWatch client comes with the first status request.
import type { PipelineStatus } from '@footfall/core-model';
import type { AlarmReading } from './pipelineAlarm';

/** Hands out the pipeline's state, reading it when what the container holds is older than the cache period. */
export interface PipelineStatusSource {
  get(): Promise<PipelineStatus>;
}

/** What the source reads and how often; tests pass their own reader and clock. */
export interface PipelineStatusOptions {
  /** The alarm's name (PIPELINE_ALARM_NAME); without one the state is always `unknown`. */
  alarmName: string | undefined;
  /** CloudWatch endpoint override (CLOUDWATCH_ENDPOINT). */
  endpoint: string | undefined;
  /** How long a reading is reused, ms. */
  cacheMs: number;
  now: () => number;
  /** Replaces the CloudWatch read (tests). */
  read?: ((alarmName: string) => Promise<AlarmReading>) | undefined;
  /** Told when a read fails (the answer is then `unknown` until the next read). */
  onError?: (error: unknown) => void;
}

async function readFromCloudWatch(alarmName: string, endpoint: string | undefined): Promise<AlarmReading> {
  // Only GET /api/status gets here: ingest and the reports never load the CloudWatch client.
  const { readPipelineAlarm } = await import('./pipelineAlarm');
  return readPipelineAlarm(alarmName, endpoint);
}

/**
 * Creates the container's pipeline status source. A failed read answers `unknown` (the dashboard then says
 * nothing) and is reused like a good one, so a CloudWatch outage costs no more calls than a healthy day.
 * @example const { state } = await createPipelineStatusSource({ alarmName, endpoint, cacheMs: 60_000, now }).get();
 */
export function createPipelineStatusSource(options: PipelineStatusOptions): PipelineStatusSource {
  let held: { status: PipelineStatus; until: number } | undefined;
  let pending: Promise<PipelineStatus> | undefined;

  const readNow = async (): Promise<PipelineStatus> => {
    const checkedAt = new Date(options.now()).toISOString();
    const name = options.alarmName;
    if (name === undefined) return { state: 'unknown', lagSeconds: null, thresholdSeconds: null, checkedAt };
    try {
      const reading = await (options.read ?? ((n) => readFromCloudWatch(n, options.endpoint)))(name);
      return { ...reading, checkedAt };
    } catch (error) {
      options.onError?.(error);
      return { state: 'unknown', lagSeconds: null, thresholdSeconds: null, checkedAt };
    }
  };

  return {
    get() {
      if (held && options.now() < held.until) return Promise.resolve(held.status);
      pending ??= readNow().then((status) => {
        held = { status, until: options.now() + options.cacheMs };
        pending = undefined;
        return status;
      });
      return pending;
    },
  };
}
