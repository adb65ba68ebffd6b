// The Lambda entry point as Lambda loads it: configured from the environment, and safe when it is not.
import type { DynamoDBBatchResponse } from 'aws-lambda';
import { lambdaContext } from '../helpers/context';
import { insert, rawView, remove, streamEvent } from '../helpers/records';

type Handler = typeof import('../../src/handler').handler;

/** Loads handler.ts afresh under `env`, capturing what it writes to stdout. */
function loadHandler(env: Record<string, string | undefined>): { handler: Handler; output: string[] } {
  const output: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    output.push(String(chunk));
    return true;
  });
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  let handler: Handler | undefined;
  jest.isolateModules(() => {
    handler = (require('../../src/handler') as { handler: Handler }).handler;
  });
  process.env = saved;
  if (handler === undefined) throw new Error('handler.ts did not load');
  return { handler, output };
}

afterEach(() => jest.restoreAllMocks());

describe('the Lambda entry point', () => {
  it('keeps the batch for a retry, and says why, when TABLE_NAME is missing', async () => {
    // Prepare
    const { handler, output } = loadHandler({ TABLE_NAME: undefined });
    const record = insert(rawView());
    // Act
    const response: DynamoDBBatchResponse = await handler(streamEvent([record]), lambdaContext());
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber }] });
    expect(output.join('')).toContain('TABLE_NAME');
  });

  it('answers a batch with nothing to count without touching DynamoDB', async () => {
    // Prepare
    const { handler, output } = loadHandler({
      TABLE_NAME: 'footfall',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
    });
    // Act
    const response = await handler(streamEvent([remove(rawView())]), lambdaContext());
    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    const summary = JSON.parse(output.find((l) => l.includes('"level":"metrics"')) ?? '{}');
    expect(summary).toMatchObject({ recordsSeen: 1, recordsSkipped: 1, status: 'nothing-to-do' });
  });
});
