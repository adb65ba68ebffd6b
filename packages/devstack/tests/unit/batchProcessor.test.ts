// Lambda's per-batch retry rules, checked with a scripted function (no stream needed).

import type { InvokeResult } from '@footfall/local-lambda';
import type { DynamoDBRecord } from 'aws-lambda';
import { type BatchPolicy, type FailureCondition, processBatch } from '../../src/batchProcessor';

const record = (seq: number, created = 1_000): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: String(seq), ApproximateCreationDateTime: created },
});

const policy: BatchPolicy = {
  bisectBatchOnFunctionError: false,
  maximumRetryAttempts: 2,
  maximumRecordAgeInSeconds: -1,
  reportBatchItemFailures: true,
};

function run(batch: DynamoDBRecord[], answers: InvokeResult[], overrides: Partial<BatchPolicy> = {}) {
  const calls: string[][] = [];
  const progress: string[] = [];
  const failures: { seqs: string[]; condition: FailureCondition }[] = [];
  const done = processBatch(batch, {
    invoke: async (event) => {
      calls.push(event.Records.map((r) => r.dynamodb?.SequenceNumber ?? ''));
      return answers.shift() ?? { ok: true, value: null };
    },
    policy: { ...policy, ...overrides },
    onProgress: (seq) => progress.push(seq),
    onFailure: (records, condition) =>
      failures.push({ seqs: records.map((r) => r.dynamodb?.SequenceNumber ?? ''), condition }),
    backoff: async () => {},
    stopping: () => false,
    nowSeconds: () => 2_000,
  });
  return { done, calls, progress, failures };
}

test('an itemIdentifier that names no record of the batch fails the whole batch, which is retried', async () => {
  // Act
  const { done, calls, progress } = run(
    [record(1), record(2)],
    [{ ok: true, value: { batchItemFailures: [{ itemIdentifier: '' }] } }],
  );

  // Assess
  expect(await done).toBe(true);
  expect(calls).toEqual([
    ['1', '2'],
    ['1', '2'],
  ]);
  expect(progress).toEqual(['2']);
});

test('after MaximumRetryAttempts the failing records go to the failure destination and the batch is done', async () => {
  // Prepare
  const error: InvokeResult = { ok: false, error: { errorType: 'Error', errorMessage: 'down' } };

  // Act
  const { done, calls, failures, progress } = run([record(1), record(2)], [error, error, error]);

  // Assess
  expect(await done).toBe(true);
  expect(calls).toHaveLength(3);
  expect(failures).toEqual([{ seqs: ['1', '2'], condition: 'RetryAttemptsExhausted' }]);
  expect(progress).toEqual(['2']);
});

test('records older than MaximumRecordAgeInSeconds are given up on without invoking the function', async () => {
  // Act
  const { done, calls, failures } = run([record(1, 100), record(2, 1_990)], [], {
    maximumRecordAgeInSeconds: 60,
  });

  // Assess
  expect(await done).toBe(true);
  expect(failures).toEqual([{ seqs: ['1'], condition: 'RecordAgeExceeded' }]);
  expect(calls).toEqual([['2']]);
});

test('a function response is ignored for partial failures unless ReportBatchItemFailures is on', async () => {
  // Act
  const { done, calls } = run(
    [record(1), record(2)],
    [{ ok: true, value: { batchItemFailures: [{ itemIdentifier: '2' }] } }],
    { reportBatchItemFailures: false },
  );

  // Assess
  expect(await done).toBe(true);
  expect(calls).toEqual([['1', '2']]);
});
