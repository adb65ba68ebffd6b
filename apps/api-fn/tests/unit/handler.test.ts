// The Lambda entry point: built from the environment on first use; a broken environment answers 500.
import { DynamoDBClient, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { CHROME_UA, httpEvent, lambdaContext, pageview } from '@footfall/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { errorCode } from '../helpers/api';

const ENV = { ...process.env };

afterEach(() => {
  process.env = { ...ENV };
  jest.resetModules();
});

describe('handler', () => {
  it('serves requests with the configuration from the environment', async () => {
    // Prepare
    process.env.TABLE_NAME = 'footfall-env';
    process.env.ALLOWED_SITES = 'example.com';
    process.env.AWS_REGION = 'us-east-1';
    process.env.LOG_LEVEL = 'error';
    const ddb = mockClient(DynamoDBClient);
    ddb.on(UpdateItemCommand).resolves({});
    // The site list: never written yet, so the first request writes ALLOWED_SITES (PutItem) and uses it.
    ddb.on(QueryCommand).resolves({ Items: [] });
    const { handler } = await import('../../src/handler');

    // Act
    const response = await handler(
      httpEvent({
        method: 'POST',
        path: '/api/event',
        body: pageview(),
        headers: { 'user-agent': CHROME_UA },
      }),
      lambdaContext(),
    );

    // Assess
    expect(response.statusCode).toBe(202);
    expect(ddb.commandCalls(UpdateItemCommand)[0]?.args[0].input.TableName).toBe('footfall-env');
    ddb.restore();
  });

  it('answers 500 configuration_error while the environment is incomplete', async () => {
    // Prepare
    delete process.env.TABLE_NAME;
    const { handler } = await import('../../src/handler');
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);

    // Act
    const response = await handler(httpEvent({ method: 'GET', path: '/beacon.js' }));

    // Assess
    write.mockRestore();
    expect(response.statusCode).toBe(500);
    expect(errorCode(response)).toBe('configuration_error');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
