// The per-invocation summary line: every count is an EMF metric, and the line stands without EMF too.
import { type InvocationMetrics, metricsFields } from '../../src';

const metrics: InvocationMetrics = {
  recordsSeen: 10,
  recordsApplied: 8,
  recordsSkipped: 1,
  recordsPoison: 1,
  itemsWritten: 6,
  writeUnits: 7.5,
  readUnits: 2.5,
  undoCount: 0,
  unreverted: 0,
  deadLettered: 1,
  newValues: 3,
  cappedValues: 0,
  conditionalFailures: 1,
};

describe('metricsFields', () => {
  it('declares every count as an EMF metric of the namespace, values at the top level', () => {
    // Act
    const fields = metricsFields(metrics, 'applied', { namespace: 'Footfall', now: 1_700_000_000_000 });
    // Assess
    const aws = fields._aws as {
      Timestamp: number;
      CloudWatchMetrics: {
        Namespace: string;
        Dimensions: string[][];
        Metrics: { Name: string; Unit: string }[];
      }[];
    };
    expect(aws.Timestamp).toBe(1_700_000_000_000);
    const directive = aws.CloudWatchMetrics[0];
    expect(directive?.Namespace).toBe('Footfall');
    expect(directive?.Metrics.map((m) => m.Name).sort()).toEqual(Object.keys(metrics).sort());
    for (const dimension of directive?.Dimensions.flat() ?? [])
      expect(typeof fields[dimension]).toBe('string');
    expect(fields).toMatchObject({ ...metrics, status: 'applied' });
  });

  it('logs the same counts without EMF when metrics are turned off', () => {
    // Act
    const fields = metricsFields(metrics, 'applied', { namespace: '', now: 0 });
    // Assess
    expect(fields._aws).toBeUndefined();
    expect(fields).toMatchObject(metrics);
  });
});
