// template.yaml's operator alarms: each on the metric that shows its failure, with its threshold, notifying the
// alarm topic when it fires and when it clears; built-in metrics only, except the opt-in dead-letter count.
import { readFileSync } from 'node:fs';
import { type CfnResource, parseCfnYaml } from '@footfall/template';
import { findStatements, listOf, roleStatements } from '../helpers/iam';
import { idsOfType, repoTemplate, resource, templatePath } from '../helpers/repo';

const template = repoTemplate();
// The loader keeps only the sections local runs need; conditions are read from the document itself.
const conditions = (
  parseCfnYaml(readFileSync(templatePath, 'utf8')) as { Conditions: Record<string, unknown> }
).Conditions;
const TOPIC = { Ref: 'AlarmTopic' };

/** The properties of an alarm that decide when it fires. */
function trigger(alarm: CfnResource) {
  const p = alarm.Properties;
  return {
    Namespace: p.Namespace,
    MetricName: p.MetricName,
    Dimensions: p.Dimensions,
    Statistic: p.Statistic,
    Period: p.Period,
    EvaluationPeriods: p.EvaluationPeriods,
    Threshold: p.Threshold,
    ComparisonOperator: p.ComparisonOperator,
  };
}

const expected: Record<string, ReturnType<typeof trigger>> = {
  // The oldest record waiting in the stream, as Lambda's poller sees it: more than 5 minutes (in ms).
  CountingBehindAlarm: {
    Namespace: 'AWS/Lambda',
    MetricName: 'IteratorAge',
    Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'StreamTriggerFn' } }],
    Statistic: 'Maximum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 300_000,
    ComparisonOperator: 'GreaterThanThreshold',
  },
  // Any message in the failure queue.
  StreamFailuresAlarm: {
    Namespace: 'AWS/SQS',
    MetricName: 'ApproximateNumberOfMessagesVisible',
    Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['StreamFailureQueue', 'QueueName'] } }],
    Statistic: 'Maximum',
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 0,
    ComparisonOperator: 'GreaterThanThreshold',
  },
  // Any dead-lettered contribution, from the trigger's EMF metrics (namespace and dimension of its metrics line).
  DeadLettersAlarm: {
    Namespace: { Ref: 'MetricsNamespace' },
    MetricName: 'deadLettered',
    Dimensions: [{ Name: 'Service', Value: 'stream-trigger-fn' }],
    Statistic: 'Sum',
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 0,
    ComparisonOperator: 'GreaterThanThreshold',
  },
  // Any crash or timeout of the trigger.
  TriggerErrorsAlarm: {
    Namespace: 'AWS/Lambda',
    MetricName: 'Errors',
    Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'StreamTriggerFn' } }],
    Statistic: 'Sum',
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 0,
    ComparisonOperator: 'GreaterThanThreshold',
  },
  // More than 1 % of the API's requests answered 5xx over 5 minutes.
  ApiServerErrorsAlarm: {
    Namespace: 'AWS/ApiGateway',
    MetricName: '5xx',
    Dimensions: [{ Name: 'ApiId', Value: { Ref: 'Api' } }],
    Statistic: 'Average',
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 0.01,
    ComparisonOperator: 'GreaterThanThreshold',
  },
  // A flood: API Gateway refusing (429 throttling) more than 5 requests a second for 5 minutes.
  IngestThrottledAlarm: {
    Namespace: 'AWS/ApiGateway',
    MetricName: '4xx',
    Dimensions: [{ Name: 'ApiId', Value: { Ref: 'Api' } }],
    Statistic: 'Sum',
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 1500,
    ComparisonOperator: 'GreaterThanThreshold',
  },
};

describe('template.yaml alarms', () => {
  it('has exactly the operator alarms of docs/deploy.md', () => {
    // Act
    const ids = idsOfType(template, 'AWS::CloudWatch::Alarm');

    // Assess
    expect(ids.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.keys(expected))('%s watches the right metric with the right threshold', (id) => {
    // Act
    const alarm = resource(template, id);

    // Assess
    expect(trigger(alarm)).toEqual(expected[id]);
  });

  it.each(Object.keys(expected))(
    '%s notifies the alarm topic when it fires and when it clears, and treats no data as fine',
    (id) => {
      // Act
      const p = resource(template, id).Properties;

      // Assess: a quiet site publishes nothing, which must not look like a failure.
      expect(p.AlarmActions).toEqual([TOPIC]);
      expect(p.OKActions).toEqual([TOPIC]);
      expect(p.TreatMissingData).toBe('notBreaching');
    },
  );

  it.each(Object.keys(expected))(
    '%s has a name of its stack and a description a tired person can act on',
    (id) => {
      // Act
      const p = resource(template, id).Properties;
      const description = String(p.AlarmDescription);

      // Assess
      expect(JSON.stringify(p.AlarmName)).toContain('AWS::StackName');
      expect(description.length).toBeGreaterThan(80);
      expect(description.length).toBeLessThanOrEqual(1024);
      expect(description).toMatch(/\.$/);
    },
  );

  it('watches only free AWS metrics, except the dead-letter count, which exists only with MetricsNamespace', () => {
    // Act
    const custom = Object.keys(expected).filter(
      (id) => !String(resource(template, id).Properties.Namespace).startsWith('AWS/'),
    );

    // Assess
    expect(custom).toEqual(['DeadLettersAlarm']);
    expect(resource(template, 'DeadLettersAlarm').Condition).toBe('HasMetrics');
    expect(conditions.HasMetrics).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'MetricsNamespace' }, ''] }],
    });
  });

  it('sends alarms to one SNS topic, and mails AlertEmail only when it is set', () => {
    // Prepare
    const subscriptions = idsOfType(template, 'AWS::SNS::Subscription').map((id) => resource(template, id));

    // Assess
    expect(idsOfType(template, 'AWS::SNS::Topic')).toEqual(['AlarmTopic']);
    expect(template.Parameters.AlertEmail?.Default).toBe('');
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]?.Condition).toBe('HasAlertEmail');
    expect(subscriptions[0]?.Properties).toEqual({
      TopicArn: TOPIC,
      Protocol: 'email',
      Endpoint: { Ref: 'AlertEmail' },
    });
    expect(conditions.HasAlertEmail).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlertEmail' }, ''] }],
    });
  });

  it('lets api-fn read the state of the counting alarm and nothing else of CloudWatch', () => {
    // Prepare
    const statements = roleStatements(resource(template, 'ApiFnRole').Properties);
    const env = (resource(template, 'ApiFn').Properties.Environment as { Variables: Record<string, unknown> })
      .Variables;

    // Act
    const cloudwatch = statements.filter((s) =>
      listOf(s.Action).some((a) => String(a).startsWith('cloudwatch:')),
    );

    // Assess
    expect(cloudwatch).toEqual([
      {
        Effect: 'Allow',
        Action: 'cloudwatch:DescribeAlarms',
        Resource: { 'Fn::GetAtt': ['CountingBehindAlarm', 'Arn'] },
      },
    ]);
    expect(env.PIPELINE_ALARM_NAME).toEqual({ Ref: 'CountingBehindAlarm' });
    expect(env.CLOUDWATCH_ENDPOINT).toBe('');
    // No other role may touch CloudWatch.
    const elsewhere = findStatements(template.Resources).filter(
      ({ at, statement }) =>
        !at.startsWith('ApiFnRole.') &&
        listOf(statement.Action).some((a) => String(a).startsWith('cloudwatch:')),
    );
    expect(elsewhere).toEqual([]);
  });

  it('outputs what `footfall status --stack` reads', () => {
    // Assess
    expect(Object.keys(template.Outputs)).toEqual(
      expect.arrayContaining([
        'TableName',
        'StreamFailureQueueUrl',
        'StreamTriggerFunctionName',
        'CountingBehindAlarmName',
        'AlarmTopicArn',
      ]),
    );
  });
});
