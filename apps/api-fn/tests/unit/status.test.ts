// GET /api/status: the counting alarm's state for the dashboard's banner; signed-in only, read from CloudWatch at
// most once a minute per container, `unknown` (never an error) when it cannot be read.
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { httpEvent } from '@footfall/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { alarmReading, largestDatapoint } from '../../src/pipelineAlarm';
import { bearer, bodyOf, errorCode, testApi, testUser } from '../helpers/api';
import { answerUsers, awsError, mockedDynamo } from '../helpers/mockTable';

const ALARM = 'footfall-counting-behind';
const cloudwatch = mockClient(CloudWatchClient);
afterEach(() => cloudwatch.reset());
afterAll(() => cloudwatch.restore());

function statusApi(alarmName: string | null = ALARM) {
  const { client, mock } = mockedDynamo();
  answerUsers(mock, [testUser()]);
  return testApi(client, 'footfall-test', { pipelineAlarmName: alarmName ?? undefined });
}

const status = (headers: Record<string, string> = bearer()) =>
  httpEvent({ method: 'GET', path: '/api/status', headers });

describe('alarmReading', () => {
  it('reads ALARM as behind, with the largest datapoint it evaluated in seconds', () => {
    // Act
    const reading = alarmReading({
      AlarmName: ALARM,
      StateValue: 'ALARM',
      Threshold: 300_000,
      StateReasonData: JSON.stringify({ version: '1.0', recentDatapoints: [301_000, 421_400.0] }),
    });

    // Assess
    expect(reading).toEqual({ state: 'behind', lagSeconds: 421, thresholdSeconds: 300 });
  });

  it.each(['OK', 'INSUFFICIENT_DATA'] as const)('reads %s as fine: nothing waited in the stream', (state) => {
    // Assess
    expect(alarmReading({ StateValue: state, Threshold: 300_000 })).toEqual({
      state: 'ok',
      lagSeconds: null,
      thresholdSeconds: 300,
    });
  });

  it('reads a missing alarm as unknown', () => {
    // Assess
    expect(alarmReading(undefined)).toEqual({ state: 'unknown', lagSeconds: null, thresholdSeconds: null });
  });

  it.each([
    ['absent', undefined],
    ['not JSON', '{'],
    ['no datapoints', '{"recentDatapoints":[]}'],
    ['datapoints of another shape', '{"recentDatapoints":["x",null,-1]}'],
    ['a list', '[1,2]'],
  ])('leaves the lag unmeasured when StateReasonData is %s', (_, data) => {
    // Assess
    expect(largestDatapoint(data)).toBeUndefined();
    expect(alarmReading({ StateValue: 'ALARM', StateReasonData: data }).lagSeconds).toBeNull();
  });
});

describe('GET /api/status', () => {
  it('answers 401 without a session and reads no alarm', async () => {
    // Prepare
    const { handler } = statusApi();

    // Act
    const response = await handler(status({}));

    // Assess
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe('missing_token');
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(0);
  });

  it('answers the alarm state, describing only the configured alarm', async () => {
    // Prepare
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        {
          AlarmName: ALARM,
          StateValue: 'ALARM',
          Threshold: 300_000,
          StateReasonData: '{"recentDatapoints":[480000.0]}',
        },
      ],
    });
    const { handler, clock } = statusApi();

    // Act
    const response = await handler(status());

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(bodyOf(response)).toEqual({
      pipeline: {
        state: 'behind',
        lagSeconds: 480,
        thresholdSeconds: 300,
        checkedAt: new Date(clock.now).toISOString(),
      },
    });
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand).map((c) => c.args[0].input)).toEqual([
      { AlarmNames: [ALARM], AlarmTypes: ['MetricAlarm'] },
    ]);
  });

  it('reads the alarm at most once a minute per container, however many dashboards ask', async () => {
    // Prepare
    cloudwatch
      .on(DescribeAlarmsCommand)
      .resolvesOnce({ MetricAlarms: [{ AlarmName: ALARM, StateValue: 'ALARM', Threshold: 300_000 }] })
      .resolves({ MetricAlarms: [{ AlarmName: ALARM, StateValue: 'OK', Threshold: 300_000 }] });
    const { handler, clock } = statusApi();

    // Act
    const first = await Promise.all([handler(status()), handler(status())]);
    clock.now += 59_000;
    const within = await handler(status());
    clock.now += 2_000;
    const after = await handler(status());

    // Assess
    const states = [...first, within, after].map(
      (r) => (bodyOf(r) as { pipeline: { state: string } }).pipeline.state,
    );
    expect(states).toEqual(['behind', 'behind', 'behind', 'ok']);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(2);
  });

  it('answers unknown when CloudWatch fails, logs why without secrets, and does not ask again at once', async () => {
    // Prepare
    cloudwatch.on(DescribeAlarmsCommand).rejects(awsError('AccessDeniedException'));
    const { handler, logs } = statusApi();

    // Act
    const response = await handler(status());
    const again = await handler(status());

    // Assess
    expect(response.statusCode).toBe(200);
    expect((bodyOf(response) as { pipeline: { state: string } }).pipeline.state).toBe('unknown');
    expect(again.statusCode).toBe(200);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(1);
    const warning = logs.find((l) => l.includes('counting alarm not read'));
    expect(warning).toContain('AccessDeniedException');
    expect(logs.join('\n')).not.toMatch(/Bearer|gAAAA/);
  });

  it('answers unknown, reading nothing, when no alarm is configured (sam local, tests)', async () => {
    // Prepare
    const { handler } = statusApi(null);

    // Act
    const response = await handler(status());

    // Assess
    expect((bodyOf(response) as { pipeline: { state: string } }).pipeline).toMatchObject({
      state: 'unknown',
      lagSeconds: null,
    });
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(0);
  });

  it('answers 405 to another method', async () => {
    // Prepare
    const { handler } = statusApi();

    // Act
    const response = await handler(httpEvent({ method: 'POST', path: '/api/status', headers: bearer() }));

    // Assess
    expect(response.statusCode).toBe(405);
  });
});
