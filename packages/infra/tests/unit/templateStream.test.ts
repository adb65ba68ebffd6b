// template.yaml's stream event, read through readStreamEventSettings as `pnpm dev` reads it.
import { readStreamEventSettings } from '@footfall/template';
import { repoTemplate, resource, templatePath } from '../helpers/repo';

const settings = readStreamEventSettings(templatePath);

describe('template.yaml stream event', () => {
  it('belongs to the stream trigger and reads the table stream from the oldest record', () => {
    // Assess
    if (!settings.ok) throw settings.error;
    expect(settings.value.functionLogicalId).toBe('StreamTriggerFn');
    expect(settings.value.startingPosition).toBe('TRIM_HORIZON');
    const events = resource(repoTemplate(), 'StreamTriggerFn').Properties.Events as Record<
      string,
      { Properties: { Stream: unknown } }
    >;
    expect(events[settings.value.eventLogicalId]?.Properties.Stream).toEqual({
      'Fn::GetAtt': ['Table', 'StreamArn'],
    });
  });

  it('takes batch size and window from parameters defaulting to 100 and 5 s', () => {
    // Act
    const overridden = readStreamEventSettings(templatePath, {
      parameters: { StreamBatchSize: '1', StreamBatchingWindow: 0 },
    });

    // Assess
    if (!settings.ok || !overridden.ok) throw new Error('template unreadable');
    expect(settings.value.batchSize).toBe(100);
    expect(settings.value.maximumBatchingWindowInSeconds).toBe(5);
    expect(overridden.value.batchSize).toBe(1);
    expect(overridden.value.maximumBatchingWindowInSeconds).toBe(0);
  });

  it('bisects failing batches, retries until the records expire (no view dropped) and reports partial failures', () => {
    // Assess
    if (!settings.ok) throw settings.error;
    expect(settings.value.bisectBatchOnFunctionError).toBe(true);
    // -1: Lambda retries until the batch succeeds or its records leave the stream (docs/delivery.md).
    expect(settings.value.maximumRetryAttempts).toBe(-1);
    expect(settings.value.maximumRecordAgeInSeconds).toBe(-1);
    expect(settings.value.functionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it('sends batches that still fail to the SQS failure queue', () => {
    // Prepare
    const events = resource(repoTemplate(), 'StreamTriggerFn').Properties.Events as Record<
      string,
      { Properties: { DestinationConfig: { OnFailure: Record<string, unknown> } } }
    >;

    // Act
    const onFailure = events.TableStream?.Properties.DestinationConfig.OnFailure;

    // Assess
    if (!settings.ok) throw settings.error;
    expect(settings.value.hasOnFailureDestination).toBe(true);
    expect(onFailure).toEqual({ Type: 'SQS', Destination: { 'Fn::GetAtt': ['StreamFailureQueue', 'Arn'] } });
    expect(resource(repoTemplate(), 'StreamFailureQueue').Type).toBe('AWS::SQS::Queue');
  });

  it('filters to inserts and modifies of raw view items that hold a pageview, and inserts of custom events, each written as one JSON pattern', () => {
    // Assess: engagement still waiting for its pageview has no Page, and must not invoke the function.
    if (!settings.ok) throw settings.error;
    expect(settings.value.filterPatternSources.map((s) => JSON.parse(s))).toEqual([
      {
        eventName: ['INSERT', 'MODIFY'],
        dynamodb: { Keys: { Section: { S: ['view'] } }, NewImage: { Page: { S: [{ exists: true }] } } },
      },
      { eventName: ['INSERT'], dynamodb: { Keys: { Section: { S: ['event'] } } } },
    ]);
  });
});
