// The shared fixtures behave as tests rely on: events shaped as API Gateway's, fresh views, repeatable randomness.
import { decodeRawView, encodeRawView } from '@footfall/core-model';
import { hashedChance, httpEvent, insert, rawView, seededRandom, streamEvent } from '../../src';

describe('httpEvent', () => {
  it('builds a payload 2.0 event as API Gateway does', () => {
    // Act
    const event = httpEvent({
      method: 'post',
      path: '/api/event?x=1',
      query: { x: '2' },
      headers: { 'User-Agent': 'ua' },
      body: { type: 'pageview' },
    });

    // Assess
    expect(event).toMatchObject({
      rawPath: '/api/event',
      rawQueryString: 'x=1&x=2',
      queryStringParameters: { x: '1,2' },
      headers: { 'user-agent': 'ua', 'content-type': 'application/json', host: 'api.example.test' },
      requestContext: { http: { method: 'POST', path: '/api/event' } },
      isBase64Encoded: false,
    });
    expect(event.headers['content-length']).toBe(String(Buffer.byteLength(event.body ?? '')));
  });
});

describe('rawView and stream records', () => {
  it('gives every view a fresh id and a valid stored form', () => {
    // Act
    const [a, b] = [rawView(), rawView({ path: '/b' })];
    const record = insert(b);

    // Assess
    expect(a.id).not.toBe(b.id);
    expect(decodeRawView(encodeRawView(b))).toEqual({
      ok: true,
      value: expect.objectContaining({ path: '/b' }),
    });
    expect(streamEvent([record]).Records[0]?.dynamodb?.NewImage).toEqual(encodeRawView(b));
  });
});

describe('seeded randomness', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    // Act
    const first = Array.from({ length: 5 }, seededRandom(42));
    const again = Array.from({ length: 5 }, seededRandom(42));

    // Assess
    expect(first).toEqual(again);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(hashedChance('a', 1)).toBe(hashedChance('a', 1));
  });
});
