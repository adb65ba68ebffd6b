// `footfall status`, the reading half: the stack's outputs, each site's newest counts, dead letters, and the
// trigger's lag, alarm and failure queue from CloudWatch and SQS (or `pnpm dev`'s local stand-in for them).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { listDeadLetters, readNewestCount } from '@footfall/store';
import type { NotRead, StatusReport } from './verdict';

/** Where the pipeline's parts are; what is undefined is reported as not read. */
export interface StatusTargets {
  dynamodb: DynamoDBClient;
  tableName: string;
  sites: string[];
  /** The stream trigger's function name (IteratorAge's dimension). */
  functionName?: string | undefined;
  alarmName?: string | undefined;
  queueUrl?: string | undefined;
  /** Why the AWS parts are not named, when they are not (shown instead of a generic reason). */
  missingWhy?: string | undefined;
}

/** The AWS calls status makes besides DynamoDB; `awsClients` builds them, tests pass their own. */
export interface StatusAws {
  /** Per-minute Maximum of IteratorAge over [from, to), newest first. */
  iteratorAge(functionName: string, from: Date, to: Date): Promise<{ at: number; ms: number }[]>;
  /** The alarm's state, threshold (s) and the lag it saw (s), if it exists. */
  alarm(
    name: string,
  ): Promise<{ state: string; thresholdSeconds: number; lagSeconds: number | undefined } | undefined>;
  /** Messages waiting in a queue. */
  queueDepth(queueUrl: string): Promise<number>;
}

const HOUR_MS = 3_600_000;

function notRead(why: string): NotRead {
  return { kind: 'not-read', why };
}

/** An AWS error in a few words (its name and message; never credentials). */
function reason(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 200);
  return String(error).slice(0, 200);
}

/** The largest datapoint in a CloudWatch alarm's StateReasonData (ms), if it holds any. */
export function reasonDatapoint(stateReasonData: string | undefined): number | undefined {
  try {
    const data: unknown = JSON.parse(stateReasonData ?? '');
    if (typeof data !== 'object' || data === null) return undefined;
    const points = (data as { recentDatapoints?: unknown }).recentDatapoints;
    if (!Array.isArray(points)) return undefined;
    const numbers = points.filter((p): p is number => typeof p === 'number' && Number.isFinite(p) && p >= 0);
    return numbers.length === 0 ? undefined : Math.max(...numbers);
  } catch {
    return undefined;
  }
}

/**
 * Reads everything status shows. Each part that fails is reported as not read, with why; only DynamoDB (the
 * sites' counts and the dead letters) must answer.
 * @example const report = await readStatus(targets, awsClients({ region }), Date.now());
 */
export async function readStatus(targets: StatusTargets, aws: StatusAws, now: number): Promise<StatusReport> {
  const table = { dynamodb: targets.dynamodb, tableName: targets.tableName };
  const missing = (what: string) => notRead(targets.missingWhy ?? `name the ${what}, or use --stack`);

  const lag: StatusReport['lag'] =
    targets.functionName === undefined
      ? missing('trigger with --function')
      : await aws.iteratorAge(targets.functionName, new Date(now - HOUR_MS), new Date(now)).then(
          (points) => ({ kind: 'read' as const, points }),
          (error: unknown) => notRead(reason(error)),
        );
  const alarm: StatusReport['alarm'] =
    targets.alarmName === undefined
      ? missing('alarm with --alarm')
      : await aws.alarm(targets.alarmName).then(
          (a) =>
            a === undefined ? notRead(`no alarm ${targets.alarmName}`) : { kind: 'read' as const, ...a },
          (error: unknown) => notRead(reason(error)),
        );
  const failureQueue: StatusReport['failureQueue'] =
    targets.queueUrl === undefined
      ? missing('failure queue with --queue-url')
      : await aws.queueDepth(targets.queueUrl).then(
          (messages) => ({ kind: 'read' as const, messages }),
          (error: unknown) => notRead(reason(error)),
        );

  const sites = await Promise.all(
    targets.sites.map(async (site) => ({ site, newestHour: (await readNewestCount(table, site)).hourStart })),
  );
  const { letters, unreadable } = await listDeadLetters(table);
  return {
    now,
    sites,
    alarm,
    lag,
    deadLetters: { count: letters.length, unreadable: unreadable.length },
    failureQueue,
  };
}

/**
 * The real CloudWatch and SQS calls, loaded only when status runs. `endpoint` points them at `pnpm dev`'s
 * stand-in; credentials and region come from the SDK's chain (or `local` for a loopback endpoint).
 */
export async function awsClients(config: {
  region?: string | undefined;
  endpoint?: string | undefined;
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
}): Promise<StatusAws & { destroy(): void }> {
  const { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } = await import(
    '@aws-sdk/client-cloudwatch'
  );
  const { GetQueueAttributesCommand, SQSClient } = await import('@aws-sdk/client-sqs');
  const cloudwatch = new CloudWatchClient(config);
  const sqs = new SQSClient(config);
  return {
    async iteratorAge(functionName, from, to) {
      const points: { at: number; ms: number }[] = [];
      let next: string | undefined;
      do {
        const out = await cloudwatch.send(
          new GetMetricDataCommand({
            StartTime: from,
            EndTime: to,
            ScanBy: 'TimestampDescending',
            NextToken: next,
            MetricDataQueries: [
              {
                Id: 'lag',
                MetricStat: {
                  Metric: {
                    Namespace: 'AWS/Lambda',
                    MetricName: 'IteratorAge',
                    Dimensions: [{ Name: 'FunctionName', Value: functionName }],
                  },
                  Period: 60,
                  Stat: 'Maximum',
                },
              },
            ],
          }),
        );
        for (const r of out.MetricDataResults ?? []) {
          const times = r.Timestamps ?? [];
          const values = r.Values ?? [];
          times.forEach((t, i) => {
            const v = values[i];
            if (v !== undefined && Number.isFinite(v)) points.push({ at: t.getTime(), ms: v });
          });
        }
        next = out.NextToken;
      } while (next !== undefined);
      return points.sort((a, b) => b.at - a.at);
    },
    async alarm(name) {
      const out = await cloudwatch.send(
        new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['MetricAlarm'] }),
      );
      const a = out.MetricAlarms?.find((m) => m.AlarmName === name);
      if (a === undefined) return undefined;
      const lagMs = reasonDatapoint(a.StateReasonData);
      return {
        state: a.StateValue ?? 'UNKNOWN',
        thresholdSeconds: (a.Threshold ?? 300_000) / 1000,
        lagSeconds: lagMs === undefined ? undefined : lagMs / 1000,
      };
    },
    async queueDepth(queueUrl) {
      const out = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      const count = (name: string) =>
        Number(out.Attributes?.[name as 'ApproximateNumberOfMessages'] ?? '0') || 0;
      return count('ApproximateNumberOfMessages') + count('ApproximateNumberOfMessagesNotVisible');
    },
    destroy() {
      cloudwatch.destroy();
      sqs.destroy();
    },
  };
}

/** A stack's outputs and parameters, as status needs them. */
export interface StackInfo {
  outputs: Record<string, string>;
  parameters: Record<string, string>;
}

/** Reads a CloudFormation stack's outputs and parameters (DescribeStacks). */
export async function describeStack(
  stackName: string,
  config: Parameters<typeof awsClients>[0],
): Promise<StackInfo> {
  const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  const cfn = new CloudFormationClient(config);
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = out.Stacks?.[0];
    const outputs: Record<string, string> = {};
    for (const o of stack?.Outputs ?? [])
      if (o.OutputKey && o.OutputValue) outputs[o.OutputKey] = o.OutputValue;
    const parameters: Record<string, string> = {};
    for (const p of stack?.Parameters ?? [])
      if (p.ParameterKey && p.ParameterValue !== undefined) parameters[p.ParameterKey] = p.ParameterValue;
    return { outputs, parameters };
  } finally {
    cfn.destroy();
  }
}
