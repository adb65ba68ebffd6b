// `footfall status` on DynamoDB Local, with CloudFormation, CloudWatch and SQS mocked: --stack names everything,
// an empty table is healthy, counted views show per site, a dead letter and a firing alarm exit 1.

import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { deadLetterKey, encodeDeadLetter, type RawView, ViewDelta } from '@footfall/core-model';
import { createTestTable, type TestTable } from '@footfall/dynamodb-local';
import { aggregate } from '@footfall/store';
import { mockClient } from 'aws-sdk-client-mock';
import { runCli } from '../../src/runCli';
import { fakeIo } from '../helpers/fakeIo';

jest.setTimeout(120_000);

const QUEUE = 'https://sqs.eu-central-1.amazonaws.com/123456789012/footfall-StreamFailureQueue';
const cfn = mockClient(CloudFormationClient);
const cloudwatch = mockClient(CloudWatchClient);
const sqs = mockClient(SQSClient);

let table: TestTable;
beforeEach(async () => {
  table = await createTestTable({ prefix: 'cli-status' });
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'footfall',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(0),
        Outputs: [
          { OutputKey: 'TableName', OutputValue: table.tableName },
          { OutputKey: 'StreamFailureQueueUrl', OutputValue: QUEUE },
          { OutputKey: 'StreamTriggerFunctionName', OutputValue: 'footfall-stream-trigger' },
          { OutputKey: 'CountingBehindAlarmName', OutputValue: 'footfall-counting-behind' },
        ],
        Parameters: [{ ParameterKey: 'AllowedSites', ParameterValue: 'example.com,quiet.example' }],
      },
    ],
  });
  cloudwatch
    .on(GetMetricDataCommand)
    .resolves({ MetricDataResults: [{ Id: 'lag', Timestamps: [], Values: [] }] });
  cloudwatch.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: [{ AlarmName: 'footfall-counting-behind', StateValue: 'OK', Threshold: 300_000 }],
  });
  sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '0' } });
});
afterEach(async () => {
  cfn.reset();
  cloudwatch.reset();
  sqs.reset();
  await table.cleanup();
});
afterAll(() => {
  cfn.restore();
  cloudwatch.restore();
  sqs.restore();
});

const footfall = async (...args: string[]) => {
  const { io, out } = fakeIo('', {});
  const code = await runCli(['status', '--stack', 'footfall', '--endpoint', table.endpoint, ...args], io);
  return { code, ...out };
};

const view = (i: number, time: number): RawView => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  site: 'example.com',
  path: '/',
  time,
  unique: true,
  bot: false,
  browser: 'Firefox',
  os: 'Linux',
  device: 'desktop',
  expiresAt: 0,
});

test('an empty table is healthy; every site of the stack is listed with no counts yet', async () => {
  // Act
  const r = await footfall();

  // Assess
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/example\.com +no views counted yet/);
  expect(r.stdout).toMatch(/quiet\.example +no views counted yet/);
  expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('healthy');
  expect(r.stderr).toBe('');
  // It read the stack's trigger, alarm and queue.
  expect(
    cloudwatch.commandCalls(GetMetricDataCommand)[0]?.args[0].input.MetricDataQueries?.[0],
  ).toMatchObject({
    MetricStat: {
      Metric: {
        Namespace: 'AWS/Lambda',
        MetricName: 'IteratorAge',
        Dimensions: [{ Name: 'FunctionName', Value: 'footfall-stream-trigger' }],
      },
      Period: 60,
      Stat: 'Maximum',
    },
  });
  expect(cloudwatch.commandCalls(DescribeAlarmsCommand)[0]?.args[0].input.AlarmNames).toEqual([
    'footfall-counting-behind',
  ]);
  expect(sqs.commandCalls(GetQueueAttributesCommand)[0]?.args[0].input.QueueUrl).toBe(QUEUE);
});

test('counted views, a quiet site, a dead letter and a firing alarm: exit 1 with one verdict line', async () => {
  // Prepare
  const hour = Date.UTC(2026, 2, 9, 14);
  const delta = new ViewDelta();
  delta.addChange(undefined, view(1, hour + 60_000));
  delta.addChange(undefined, view(2, hour + 120_000));
  expect((await aggregate({ dynamodb: table.client, tableName: table.tableName }, delta)).status).toBe(
    'applied',
  );
  await table.client.send(
    new PutItemCommand({
      TableName: table.tableName,
      Item: {
        ...encodeDeadLetter({
          id: '2026-03-09T14:05:00.000Z#a',
          kind: 'update',
          at: hour + 300_000,
          error: 'ValidationException: Item size has exceeded the maximum allowed size',
          target: { path: 'site#example.com', section: 'series#2026-03-09' },
          adds: { v14: 1n },
        }),
        ...deadLetterKey('2026-03-09T14:05:00.000Z#a'),
      },
    }),
  );
  cloudwatch.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: [
      {
        AlarmName: 'footfall-counting-behind',
        StateValue: 'ALARM',
        Threshold: 300_000,
        StateReasonData: '{"recentDatapoints":[421000.0]}',
      },
    ],
  });

  // Act
  const r = await footfall();

  // Assess
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/example\.com +newest counted views: 2026-03-09 14:00–15:00 UTC/);
  expect(r.stdout).toMatch(/quiet\.example +no views counted yet/);
  expect(r.stdout).toMatch(/dead letters +1 waiting/);
  expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(
    'behind by 7 min; 1 dead letter: run footfall dead-letters list',
  );
  expect(r.stderr).toBe('');
});

test('--site without --stack reads the sites and says what it could not read', async () => {
  // Act
  const { io, out } = fakeIo('', {});
  const code = await runCli(
    ['status', '--table', table.tableName, '--endpoint', table.endpoint, '--site', 'Example.com'],
    io,
  );

  // Assess
  expect(code).toBe(0);
  expect(out.stdout).toMatch(/example\.com +no views counted yet/);
  expect(out.stdout).toContain('not read (DynamoDB Local has no CloudWatch');
  expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(0);
});

test('without sites it asks for them', async () => {
  // Act
  const { io, out } = fakeIo('', {});
  const code = await runCli(['status', '--table', table.tableName, '--endpoint', table.endpoint], io);

  // Assess
  expect(code).toBe(2);
  expect(out.stderr).toContain('Name the sites with --site');
});
