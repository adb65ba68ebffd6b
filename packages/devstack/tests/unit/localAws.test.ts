// The local stand-in for the AWS calls that watch the pipeline, through the real SDK clients (the protocols
// api-fn and `footfall status` use in AWS): the stack's outputs, the counting alarm, IteratorAge, the queue depth.
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { IteratorAgeSeries } from '../../src/iteratorAge';
import { type LocalAws, startLocalAws } from '../../src/localAws';

const LOCAL = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const MINUTE = 60_000;

let aws: LocalAws;
const state = { lag: 0, failures: 0 };
const iteratorAge = new IteratorAgeSeries();

beforeAll(async () => {
  aws = await startLocalAws({
    host: '127.0.0.1',
    port: 0,
    stackName: 'footfall',
    tableName: 'footfall',
    sites: ['localhost', 'shop.localhost'],
    functionName: 'StreamTriggerFn',
    alarmName: 'footfall-counting-behind',
    alarmThresholdSeconds: 300,
    lagSeconds: () => state.lag,
    iteratorAge,
    failureCount: () => state.failures,
  });
});
afterAll(async () => {
  await aws.close();
});

describe('IteratorAgeSeries', () => {
  it('keeps the largest sample of each minute, newest first, and forgets minutes past its window', () => {
    // Prepare
    const series = new IteratorAgeSeries(10);
    const t0 = Date.UTC(2026, 2, 10, 12, 0, 0);

    // Act
    series.record(1_000, t0 + 5_000);
    series.record(4_000, t0 + 50_000);
    series.record(2_000, t0 + MINUTE + 1);
    series.record(9_000, t0 + 11 * MINUTE);

    // Assess
    expect(series.datapoints(t0 - 60 * MINUTE, t0 + 60 * MINUTE)).toEqual([
      { minute: t0 + 11 * MINUTE, maximumMs: 9_000 },
      { minute: t0 + MINUTE, maximumMs: 2_000 },
    ]);
  });
});

describe('startLocalAws', () => {
  it('describes the local stack: its table, failure queue, trigger, alarm and sites', async () => {
    // Prepare
    const cfn = new CloudFormationClient({ ...LOCAL, endpoint: aws.url });

    // Act
    const out = await cfn.send(new DescribeStacksCommand({ StackName: 'footfall' }));
    const missing = cfn.send(new DescribeStacksCommand({ StackName: 'other' }));

    // Assess
    const stack = out.Stacks?.[0];
    expect(Object.fromEntries((stack?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]))).toEqual({
      TableName: 'footfall',
      StreamFailureQueueUrl: aws.queueUrl,
      StreamTriggerFunctionName: 'StreamTriggerFn',
      CountingBehindAlarmName: 'footfall-counting-behind',
    });
    expect(stack?.Parameters).toEqual([
      { ParameterKey: 'AllowedSites', ParameterValue: 'localhost,shop.localhost' },
    ]);
    await expect(missing).rejects.toThrow(/does not exist/);
    cfn.destroy();
  });

  it('evaluates the counting alarm on the poller’s lag now', async () => {
    // Prepare
    const cw = new CloudWatchClient({ ...LOCAL, endpoint: aws.url });
    const describe = () =>
      cw.send(
        new DescribeAlarmsCommand({ AlarmNames: ['footfall-counting-behind'], AlarmTypes: ['MetricAlarm'] }),
      );

    // Act
    state.lag = 12;
    const fine = await describe();
    state.lag = 420;
    const behind = await describe();
    state.lag = 0;
    const other = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['another'] }));

    // Assess
    expect(fine.MetricAlarms?.[0]).toMatchObject({
      StateValue: 'OK',
      Threshold: 300_000,
      MetricName: 'IteratorAge',
    });
    expect(behind.MetricAlarms?.[0]).toMatchObject({ StateValue: 'ALARM' });
    expect(JSON.parse(behind.MetricAlarms?.[0]?.StateReasonData ?? '{}').recentDatapoints).toEqual([420_000]);
    expect(behind.MetricAlarms?.[0]?.StateUpdatedTimestamp).toBeInstanceOf(Date);
    expect(other.MetricAlarms).toEqual([]);
    cw.destroy();
  });

  it('answers IteratorAge of the trigger for the range asked, and nothing for another metric', async () => {
    // Prepare
    const cw = new CloudWatchClient({ ...LOCAL, endpoint: aws.url });
    const now = Date.now();
    iteratorAge.record(3_000, now - 2 * MINUTE);
    iteratorAge.record(8_000, now);
    const query = (functionName: string) =>
      cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(now - 60 * MINUTE),
          EndTime: new Date(now + MINUTE),
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

    // Act
    const ours = await query('StreamTriggerFn');
    const theirs = await query('SomethingElse');

    // Assess
    expect(ours.MetricDataResults?.[0]?.Values).toEqual([8_000, 3_000]);
    expect(ours.MetricDataResults?.[0]?.Timestamps?.[0]).toBeInstanceOf(Date);
    expect(ours.MetricDataResults?.[0]?.Timestamps?.[0]?.getTime()).toBe(Math.floor(now / MINUTE) * MINUTE);
    expect(theirs.MetricDataResults?.[0]?.Values).toEqual([]);
    cw.destroy();
  });

  it('answers the failure queue’s depth, and refuses another queue', async () => {
    // Prepare
    const sqs = new SQSClient({ ...LOCAL, endpoint: aws.url });
    state.failures = 2;

    // Act
    const out = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: aws.queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    const other = sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${aws.url}/queue/nope` }));

    // Assess
    expect(out.Attributes?.ApproximateNumberOfMessages).toBe('2');
    await expect(other).rejects.toThrow(/does not exist/);
    state.failures = 0;
    sqs.destroy();
  });
});
