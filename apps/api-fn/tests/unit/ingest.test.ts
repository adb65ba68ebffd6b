// POST /api/event with a mocked DynamoDB: what is written for pageviews and engagements, and every failure.
import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DAY_MS, decodeRawView } from '@footfall/core-model';
import { httpEvent } from '../../src/testing';
import { BOT_UA, CHROME_UA, engagement, pageview, SITE, VIEW_ID } from '../fixtures/requests';
import { bodyOf, errorCode, NOW, testApi } from '../helpers/api';
import { awsError, mockedDynamo, networkError } from '../helpers/mockTable';

const post = (body: unknown, headers: Record<string, string> = { 'user-agent': CHROME_UA }) =>
  httpEvent({ method: 'POST', path: '/api/event', body: body as object, headers });

describe('POST /api/event (pageview)', () => {
  it('stores one enriched raw view, conditional on its id being new, and answers 202', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(PutItemCommand).resolves({ ConsumedCapacity: { CapacityUnits: 1 } });
    const { handler } = testApi(client, 'views');

    // Act
    const response = await handler(post(pageview()));

    // Assess
    expect(response.statusCode).toBe(202);
    expect(response.body).toBe('');
    const calls = mock.commandCalls(PutItemCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]?.args[0].input;
    expect(input?.TableName).toBe('views');
    expect(input?.ConditionExpression).toBe('attribute_not_exists(#p)');
    const stored = decodeRawView(input?.Item);
    expect(stored).toEqual({
      ok: true,
      value: {
        id: VIEW_ID,
        site: SITE,
        path: '/blog/hello',
        time: NOW,
        unique: true,
        bot: false,
        browser: 'Chrome',
        os: 'Windows',
        device: 'desktop',
        country: 'DE',
        referrer: 'google.com',
        utmSource: 'newsletter',
        utmCampaign: 'spring',
        duration: undefined,
        scroll: undefined,
        expiresAt: Math.floor((NOW + 30 * DAY_MS) / 1000),
      },
    });
  });

  it('marks bots from the User-Agent header', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(PutItemCommand).resolves({});
    const { handler } = testApi(client);

    // Act
    await handler(post(pageview(), { 'user-agent': BOT_UA }));

    // Assess
    const stored = decodeRawView(mock.commandCalls(PutItemCommand)[0]?.args[0].input.Item);
    expect(stored.ok && stored.value.bot).toBe(true);
    expect(stored.ok && stored.value.device).toBe('bot');
  });

  it('accepts text/plain bodies, as navigator.sendBeacon sends them', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(PutItemCommand).resolves({});
    const { handler } = testApi(client);
    const event = httpEvent({
      method: 'POST',
      path: '/api/event',
      body: JSON.stringify(pageview()),
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': CHROME_UA },
    });

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(202);
    expect(mock.commandCalls(PutItemCommand)).toHaveLength(1);
  });

  it('treats a retried beacon (the id already stored) as accepted', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(PutItemCommand).rejects(awsError('ConditionalCheckFailedException'));
    const { handler } = testApi(client);

    // Act
    const response = await handler(post(pageview()));

    // Assess
    expect(response.statusCode).toBe(202);
  });

  it.each([
    ['throttled', awsError('ProvisionedThroughputExceededException')],
    ['throttled (request limit)', awsError('RequestLimitExceeded')],
    ['failing', awsError('InternalServerError', 500)],
    ['unavailable', awsError('ServiceUnavailable', 503)],
    ['unreachable', networkError()],
  ])('answers 503 with Retry-After when DynamoDB is %s, logged with the request id', async (_, error) => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(PutItemCommand).rejects(error);
    const { handler, logs } = testApi(client);
    const event = post(pageview());

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(503);
    expect(errorCode(response)).toBe('service_unavailable');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.body).not.toContain('at ');
    const warning = logs.map((l) => JSON.parse(l)).find((l) => l.message === 'dependency unavailable');
    expect(warning?.requestId).toBe(event.requestContext.requestId);
  });

  it('answers 500 internal_error for a real bug, without a stack trace, logging it with the request id', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(PutItemCommand).rejects(new TypeError('cannot read properties of undefined'));
    const { handler, logs } = testApi(client);
    const event = post(pageview());

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(500);
    expect(errorCode(response)).toBe('internal_error');
    expect(response.body).not.toContain('TypeError');
    const logged = logs.map((l) => JSON.parse(l)).find((l) => l.level === 'error');
    expect(logged?.requestId).toBe(event.requestContext.requestId);
    expect(logged?.stack).toContain('TypeError');
  });

  it.each([
    ['an unknown type', pageview({ type: 'click' }), 400, 'unknown_event_type'],
    ['no type', { id: VIEW_ID }, 400, 'invalid_event'],
    ['an array', [pageview()], 400, 'invalid_event'],
    ['a bad id', pageview({ id: 'nope' }), 400, 'invalid_event'],
    ['a path without a slash', pageview({ path: 'blog' }), 400, 'invalid_event'],
    ['a 513-char path', pageview({ path: `/${'a'.repeat(512)}` }), 400, 'invalid_event'],
    ['a site not configured', pageview({ site: 'evil.example' }), 403, 'site_not_allowed'],
  ])('refuses %s without writing', async (_, body, status, code) => {
    // Prepare
    const { client, mock } = mockedDynamo();
    const { handler } = testApi(client);

    // Act
    const response = await handler(post(body));

    // Assess
    expect(response.statusCode).toBe(status);
    expect(errorCode(response)).toBe(code);
    expect(mock.calls()).toHaveLength(0);
  });

  it('refuses a 10 KB User-Agent as bad input, writing nothing', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    const { handler } = testApi(client);

    // Act
    const response = await handler(post(pageview(), { 'user-agent': 'A'.repeat(10_240) }));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('user_agent_too_long');
    expect(mock.calls()).toHaveLength(0);
  });

  it('never logs the source IP', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(PutItemCommand).rejects(new Error('boom'));
    const { handler, logs } = testApi(client);
    const event = post(pageview());

    // Act
    await handler(event);

    // Assess
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(event.requestContext.http.sourceIp);
  });
});

describe('POST /api/event (engagement)', () => {
  it('sets the latest duration and scroll on the stored view, only if it exists', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(UpdateItemCommand).resolves({});
    const { handler } = testApi(client, 'views');

    // Act
    const response = await handler(post(engagement({ duration: 61, scroll: 100 })));

    // Assess
    expect(response.statusCode).toBe(202);
    const input = mock.commandCalls(UpdateItemCommand)[0]?.args[0].input;
    expect(input?.TableName).toBe('views');
    expect(input?.ConditionExpression).toBeDefined();
    expect(Object.values(input?.ExpressionAttributeValues ?? {})).toEqual(
      expect.arrayContaining([{ N: '61' }, { N: '100' }]),
    );
  });

  it('accepts an engagement for an unknown or expired view (202), logging it at debug', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(UpdateItemCommand).rejects(awsError('ConditionalCheckFailedException'));
    const { handler, logs } = testApi(client);

    // Act
    const response = await handler(post(engagement()));

    // Assess
    expect(response.statusCode).toBe(202);
    const line = logs.map((l) => JSON.parse(l)).find((l) => String(l.message).includes('unknown view'));
    expect(line?.level).toBe('debug');
  });

  it('answers 503 when the update is throttled', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(UpdateItemCommand).rejects(awsError('ThrottlingException'));
    const { handler } = testApi(client);

    // Act
    const response = await handler(post(engagement()));

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
  });

  it.each([
    ['negative', -1],
    ['fractional', 1.5],
    ['NaN (null in JSON)', Number.NaN],
    ['over 7200', 7201],
  ])('refuses a %s duration', async (_, duration) => {
    // Prepare
    const { client, mock } = mockedDynamo();
    const { handler } = testApi(client);

    // Act
    const response = await handler(post(engagement({ duration })));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('invalid_event');
    expect((bodyOf(response) as { error: { message: string } }).error.message).toContain('duration');
    expect(mock.calls()).toHaveLength(0);
  });

  it('refuses scroll over 100', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    const { handler } = testApi(client);

    // Act
    const response = await handler(post(engagement({ scroll: 101 })));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(mock.calls()).toHaveLength(0);
  });
});
