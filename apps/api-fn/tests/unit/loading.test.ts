// What each path loads: ingest never pays for the token library, the SSM client or the legacy reporting
// routes; the session keys are fetched from SSM on first use (then every 5 minutes, see authKey.test), and a
// failed fetch is retried.
// (This file avoids tests/helpers/api, which imports @footfall/tokens itself.)
import { randomBytes } from 'node:crypto';
import { DynamoDBClient, GetItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { encodeUser } from '@footfall/core-model';
import { CHROME_UA, httpEvent, pageview, SITE } from '@footfall/testing';
import { mockClient } from 'aws-sdk-client-mock';
import type { ApiConfig } from '../../src/config';
import { awsError } from '../helpers/mockTable';

type Loaded = { tokens: boolean; ssm: boolean; legacy: boolean; cloudwatch: boolean };
type Holder = { footfallLoaded?: Loaded };

// jest.mock factories run when a module is first required, so they record which modules were loaded. They
// are hoisted above the imports, so the record lives on globalThis rather than in a const of this file.
jest.mock('@footfall/tokens', () => {
  const g = globalThis as Holder;
  g.footfallLoaded = {
    ...(g.footfallLoaded ?? { tokens: false, ssm: false, legacy: false, cloudwatch: false }),
    tokens: true,
  };
  return jest.requireActual('@footfall/tokens');
});
jest.mock('@aws-sdk/client-ssm', () => {
  const g = globalThis as Holder;
  g.footfallLoaded = {
    ...(g.footfallLoaded ?? { tokens: false, ssm: false, legacy: false, cloudwatch: false }),
    ssm: true,
  };
  return jest.requireActual('@aws-sdk/client-ssm');
});
jest.mock('@aws-sdk/client-cloudwatch', () => {
  const g = globalThis as Holder;
  g.footfallLoaded = {
    ...(g.footfallLoaded ?? { tokens: false, ssm: false, legacy: false, cloudwatch: false }),
    cloudwatch: true,
  };
  return jest.requireActual('@aws-sdk/client-cloudwatch');
});
jest.mock('../../src/routes/legacy', () => {
  const g = globalThis as Holder;
  g.footfallLoaded = {
    ...(g.footfallLoaded ?? { tokens: false, ssm: false, legacy: false, cloudwatch: false }),
    legacy: true,
  };
  return jest.requireActual('../../src/routes/legacy');
});

const loaded = (): Loaded =>
  (globalThis as Holder).footfallLoaded ?? { tokens: false, ssm: false, legacy: false, cloudwatch: false };

const config: ApiConfig = {
  tableName: 't',
  allowedSites: [SITE],
  allowedOrigins: [],
  authKey: { kind: 'parameter', name: '/footfall/key' },
  tokenTtlSeconds: 3600,
  retentionDays: 30,
  logLevel: 'error',
};

describe('lazy loading', () => {
  it('handles a pageview without loading @footfall/tokens, @aws-sdk/client-ssm, the legacy routes or the CloudWatch client', async () => {
    // Prepare
    const { createApiHandler } = await import('../../src/createApiHandler');
    const dynamodb = new DynamoDBClient({ region: 'us-east-1' });
    const mock = mockClient(dynamodb);
    mock.on(UpdateItemCommand).resolves({});
    mock.on(QueryCommand).resolves({ Items: [] });
    const handler = createApiHandler({ config, dynamodb, logSink: () => undefined });

    // Act
    const response = await handler(
      httpEvent({
        method: 'POST',
        path: '/api/event',
        body: pageview(),
        headers: { 'user-agent': CHROME_UA },
      }),
    );

    // Assess
    expect(response.statusCode).toBe(202);
    expect(loaded()).toEqual({ tokens: false, ssm: false, legacy: false, cloudwatch: false });
  });

  it('fetches the keys from SSM on the first reporting request, not again while fresh, retrying after a failure', async () => {
    // Prepare
    const { createApiHandler } = await import('../../src/createApiHandler');
    const { GetParameterCommand, SSMClient } = await import('@aws-sdk/client-ssm');
    const { issueToken, parseKey } = await import('@footfall/tokens');
    const keyText = randomBytes(32).toString('base64url').concat('=');
    const key = parseKey(keyText);
    if (!key.ok) throw key.error;
    const token = issueToken({ sub: 'admin', created: 1, epoch: 0 }, { key: key.value, ttlSeconds: 3600 });
    const ssm = mockClient(SSMClient);
    ssm
      .on(GetParameterCommand)
      .rejectsOnce(awsError('ThrottlingException'))
      .resolves({ Parameter: { Value: keyText } });
    const dynamodb = new DynamoDBClient({ region: 'us-east-1' });
    const mock = mockClient(dynamodb);
    mock.on(GetItemCommand).resolves({
      Item: encodeUser({ username: 'admin', passwordHash: 'x', createdAt: 1, sessionEpoch: 0 }),
    });
    mock.on(QueryCommand).resolves({ Items: [] });
    const handler = createApiHandler({ config, dynamodb, logSink: () => undefined });
    const sites = () =>
      httpEvent({ method: 'GET', path: '/api/sites', headers: { authorization: `Bearer ${token}` } });

    // Act
    const first = await handler(sites());
    const second = await handler(sites());
    const third = await handler(sites());

    // Assess
    expect([first.statusCode, second.statusCode, third.statusCode]).toEqual([503, 200, 200]);
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(2);
    expect(ssm.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({
      Name: '/footfall/key',
      WithDecryption: true,
    });
    expect(loaded()).toEqual({ tokens: true, ssm: true, legacy: false, cloudwatch: false });
    ssm.restore();
  });
});
