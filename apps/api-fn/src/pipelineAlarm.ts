// Reads the counting alarm (IteratorAge of the stream trigger) from CloudWatch; imported only by GET /api/status.
import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { PipelineStatus } from '@footfall/core-model';

/** The alarm's state as GET /api/status reports it (the time of the reading is added by the caller). */
export type AlarmReading = Omit<PipelineStatus, 'checkedAt'>;

let client: CloudWatchClient | undefined;
let clientEndpoint: string | undefined;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The largest datapoint (ms) in an alarm's StateReasonData, CloudWatch's JSON of what it evaluated
 * (`{"recentDatapoints":[412000.0], …}`); undefined when the text is absent or not of that shape.
 */
export function largestDatapoint(stateReasonData: string | undefined): number | undefined {
  if (stateReasonData === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(stateReasonData);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || !Array.isArray(data.recentDatapoints)) return undefined;
  const points = data.recentDatapoints.filter(
    (p): p is number => typeof p === 'number' && Number.isFinite(p) && p >= 0,
  );
  return points.length === 0 ? undefined : Math.max(...points);
}

/**
 * Turns the alarm CloudWatch described into a status: `ALARM` is behind (with the lag it saw, in seconds),
 * `OK` and `INSUFFICIENT_DATA` are fine (the alarm treats a period without data as fine: nothing waited in the
 * stream), anything else, or no alarm at all, is unknown.
 * @example alarmReading({ StateValue: 'ALARM', Threshold: 300000, StateReasonData: '{"recentDatapoints":[420000]}' })
 */
export function alarmReading(alarm: MetricAlarm | undefined): AlarmReading {
  const thresholdMs = alarm?.Threshold;
  const thresholdSeconds =
    typeof thresholdMs === 'number' && Number.isFinite(thresholdMs) ? Math.round(thresholdMs / 1000) : null;
  switch (alarm?.StateValue) {
    case 'ALARM': {
      const lagMs = largestDatapoint(alarm.StateReasonData);
      return {
        state: 'behind',
        lagSeconds: lagMs === undefined ? null : Math.round(lagMs / 1000),
        thresholdSeconds,
      };
    }
    case 'OK':
    case 'INSUFFICIENT_DATA':
      return { state: 'ok', lagSeconds: null, thresholdSeconds };
    default:
      return { state: 'unknown', lagSeconds: null, thresholdSeconds };
  }
}

/** Describes the one alarm (the only CloudWatch call api-fn's role may make) and reads its state. */
export async function readPipelineAlarm(
  alarmName: string,
  endpoint: string | undefined,
): Promise<AlarmReading> {
  if (client === undefined || clientEndpoint !== endpoint) {
    client?.destroy();
    client = new CloudWatchClient(endpoint ? { endpoint } : {});
    clientEndpoint = endpoint;
  }
  const out = await client.send(
    new DescribeAlarmsCommand({ AlarmNames: [alarmName], AlarmTypes: ['MetricAlarm'] }),
  );
  return alarmReading(out.MetricAlarms?.find((a) => a.AlarmName === alarmName));
}
