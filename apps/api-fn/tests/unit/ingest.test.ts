// POST /api/event with a mocked DynamoDB: what is written for pageviews and engagements, and every failure.
import { UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { DAY_MS, engagementRaise, engagementUpsert, viewKey } from '@footfall/core-model';
import { BOT_UA, CHROME_UA, engagement, httpEvent, pageview, SITE, VIEW_ID } from '@footfall/testing';
import { bodyOf, errorCode, NOW, testApi } from '../helpers/api';
import {
  awsError,
  conditionFailed,
  mockedDynamo,
  networkError,
  pageviewWrites,
  viewWritten,
} from '../helpers/mockTable';

const post = (body: unknown, headers: Record<string, string> = { 'user-agent': CHROME_UA }) =>
  httpEvent({ method: 'POST', path: '/api/event', body: body as object, headers });

/** A condition with its attribute name placeholders filled in, as a reader would write it. */
const conditionOf = (input: UpdateItemCommandInput | undefined) =>
  input?.ConditionExpression?.replace(/#\w+/g, (n) => input.ExpressionAttributeNames?.[n] ?? n);

/** The UpdateItem inputs a mocked client received, in order. */
const updates = (mock: ReturnType<typeof mockedDynamo>['mock']) =>
  mock.commandCalls(UpdateItemCommand).map((c) => c.args[0].input);

/** When engagement that arrives before its pageview expires, for the test clock. */
const PENDING_EXPIRY = Math.floor((NOW + DAY_MS) / 1000);

/** What a stored view's engagement looks like in the item a failed condition returns. */
const storedEngagement = (duration: number, scroll: number) => ({
  ...viewKey(VIEW_ID),
  Duration: { N: String(duration) },
  Scroll: { N: String(scroll) },
});

describe('POST /api/event (pageview)', () => {
  it('stores one enriched raw view, conditional on no pageview of its id yet, and answers 202', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(UpdateItemCommand).resolves({ ConsumedCapacity: { CapacityUnits: 1 } });
    const { handler } = testApi(client, 'views');

    // Act
    const response = await handler(post(pageview()));

    // Assess
    expect(response.statusCode).toBe(202);
    expect(response.body).toBe('');
    const calls = updates(mock);
    expect(calls).toHaveLength(1);
    const input = calls[0];
    expect(input?.TableName).toBe('views');
    expect(input?.Key).toEqual(viewKey(VIEW_ID));
    expect(conditionOf(input)).toBe('attribute_not_exists(Page)');
    // Engagement that arrived first stays on the item: the pageview does not touch it.
    expect(Object.values(input?.ExpressionAttributeNames ?? {})).not.toEqual(
      expect.arrayContaining(['Duration']),
    );
    expect(Object.values(input?.ExpressionAttributeNames ?? {})).not.toEqual(
      expect.arrayContaining(['Scroll']),
    );
    const stored = viewWritten(input);
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
    mock.on(UpdateItemCommand).resolves({});
    const { handler } = testApi(client);

    // Act
    await handler(post(pageview(), { 'user-agent': BOT_UA }));

    // Assess
    const stored = viewWritten(pageviewWrites(mock)[0]);
    expect(stored.ok && stored.value.bot).toBe(true);
    expect(stored.ok && stored.value.device).toBe('bot');
  });

  it('accepts text/plain bodies, as navigator.sendBeacon sends them', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(UpdateItemCommand).resolves({});
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
    expect(pageviewWrites(mock)).toHaveLength(1);
  });

  it('treats a retried beacon (a pageview of the id already stored) as accepted', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(UpdateItemCommand).rejects(conditionFailed());
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
    mock.on(UpdateItemCommand).rejects(error);
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
    mock.on(UpdateItemCommand).rejects(new TypeError('cannot read properties of undefined'));
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
    mock.on(UpdateItemCommand).rejects(new Error('boom'));
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
  it('raises duration and scroll with one conditional upsert, which waits a day for a pageview still to come', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(UpdateItemCommand).resolves({});
    const { handler } = testApi(client, 'views');

    // Act
    const response = await handler(post(engagement({ duration: 61, scroll: 100 })));

    // Assess
    expect(response.statusCode).toBe(202);
    expect(updates(mock)).toEqual([
      {
        TableName: 'views',
        ...engagementUpsert(VIEW_ID, 61, 100, PENDING_EXPIRY),
        ReturnConsumedCapacity: 'TOTAL',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    ]);
  });

  it('keeps the larger of each value when the report is smaller in one and larger in the other', async () => {
    // Prepare: the view already holds 90 s and 20 %.
    const { client, mock } = mockedDynamo();
    mock
      .on(UpdateItemCommand)
      .rejectsOnce(conditionFailed(storedEngagement(90, 20)))
      .resolves({});
    const { handler } = testApi(client, 'views');

    // Act
    const response = await handler(post(engagement({ duration: 42, scroll: 80 })));

    // Assess: 90 s and 80 %, written only if the view still holds what was read.
    expect(response.statusCode).toBe(202);
    const calls = updates(mock);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual({
      TableName: 'views',
      ...engagementRaise(VIEW_ID, { duration: 90, scroll: 80 }, { duration: 90, scroll: 20 }, PENDING_EXPIRY),
      ReturnConsumedCapacity: 'TOTAL',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  it('writes nothing more for an older report of a view already further along', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(UpdateItemCommand).rejects(conditionFailed(storedEngagement(300, 90)));
    const { handler } = testApi(client);

    // Act
    const response = await handler(post(engagement({ duration: 42, scroll: 80 })));

    // Assess
    expect(response.statusCode).toBe(202);
    expect(updates(mock)).toHaveLength(1);
  });

  it('merges again with what a concurrent report stored meanwhile', async () => {
    // Prepare: the first raise loses to a report that stored 95 s and 30 %.
    const { client, mock } = mockedDynamo();
    mock
      .on(UpdateItemCommand)
      .rejectsOnce(conditionFailed(storedEngagement(90, 20)))
      .rejectsOnce(conditionFailed(storedEngagement(95, 30)))
      .resolves({});
    const { handler } = testApi(client, 'views');

    // Act
    const response = await handler(post(engagement({ duration: 42, scroll: 80 })));

    // Assess
    expect(response.statusCode).toBe(202);
    const calls = updates(mock);
    expect(calls).toHaveLength(3);
    expect(calls[2]).toMatchObject(
      engagementRaise(VIEW_ID, { duration: 95, scroll: 80 }, { duration: 95, scroll: 30 }, PENDING_EXPIRY),
    );
  });

  it('gives way after four raises lost to concurrent reports, still accepting the event', async () => {
    // Prepare: every condition fails, each time on a view raised a little further.
    const { client, mock } = mockedDynamo();
    let stored = 90;
    mock.on(UpdateItemCommand).callsFake(() => {
      stored += 1;
      throw conditionFailed(storedEngagement(stored, 20));
    });
    const { handler, logs } = testApi(client);

    // Act
    const response = await handler(post(engagement({ duration: 42, scroll: 80 })));

    // Assess: the upsert and four raises, then a note; the concurrent reports store the larger values anyway.
    expect(response.statusCode).toBe(202);
    expect(updates(mock)).toHaveLength(5);
    const line = logs.map((l) => JSON.parse(l)).find((l) => String(l.message).includes('gave way'));
    expect(line?.level).toBe('info');
  });

  it('leaves a stored engagement it cannot read as it is, with a warning, and accepts the event', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock
      .on(UpdateItemCommand)
      .rejects(conditionFailed({ ...viewKey(VIEW_ID), Duration: { S: 'forever' }, Scroll: { N: '20' } }));
    const { handler, logs } = testApi(client);

    // Act
    const response = await handler(post(engagement({ duration: 42, scroll: 80 })));

    // Assess
    expect(response.statusCode).toBe(202);
    expect(updates(mock)).toHaveLength(1);
    const line = logs.map((l) => JSON.parse(l)).find((l) => String(l.message).includes('unreadable'));
    expect(line?.level).toBe('warn');
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
