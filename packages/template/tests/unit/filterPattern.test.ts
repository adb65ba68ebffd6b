// The Lambda event filter evaluator: the template's pattern, each supported operator, and malformed patterns.
import { type FilterPattern, matchesFilterCriteria, parseFilterPattern } from '../../src';
import { streamRecord, ttlRemoveRecord } from '../helpers/streamRecords';

function pattern(json: string): FilterPattern {
  const parsed = parseFilterPattern(json);
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

const viewsOnly = pattern('{"eventName":["INSERT","MODIFY"],"dynamodb":{"Keys":{"Section":{"S":["view"]}}}}');
const uuid = '0b0c3d5e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';

describe('matchesFilterCriteria with the template pattern', () => {
  it.each([
    ['a pageview insert', streamRecord('INSERT', `view#${uuid}`, 'view'), true],
    ['an engagement modify', streamRecord('MODIFY', `view#${uuid}`, 'view'), true],
    ['a TTL delete of a view', ttlRemoveRecord(`view#${uuid}`, 'view'), false],
    ['a user insert', streamRecord('INSERT', 'user#admin', 'user'), false],
    ['a sign-in throttle update', streamRecord('MODIFY', 'signin#admin', 'throttle'), false],
    ['an aggregate insert', streamRecord('INSERT', 'site#example.com', 'series#2026-01-01'), false],
    ['an aggregate update', streamRecord('MODIFY', 'site#example.com', 'hour#2026-01-01T10'), false],
  ])('%s → %s', (_name, record, expected) => {
    // Act
    const passes = matchesFilterCriteria(record, [viewsOnly]);

    // Assess
    expect(passes).toBe(expected);
  });
});

describe('matchesFilterCriteria operators', () => {
  const record = {
    eventName: 'INSERT',
    region: 'us-east-1',
    price: 15,
    tags: ['a', 'b'],
    missingNot: null,
    nested: { file: 'photo.PNG' },
  };

  it.each([
    ['exact list (any of)', '{"eventName":["MODIFY","INSERT"]}', true],
    ['exact list miss', '{"eventName":["MODIFY"]}', false],
    ['AND across keys', '{"eventName":["INSERT"],"region":["eu-west-1"]}', false],
    ['number literal', '{"price":[15]}', true],
    ['number is not its string', '{"price":["15"]}', false],
    ['null literal', '{"missingNot":[null]}', true],
    ['prefix', '{"region":[{"prefix":"us-"}]}', true],
    ['prefix miss', '{"region":[{"prefix":"eu-"}]}', false],
    ['suffix', '{"nested":{"file":[{"suffix":".PNG"}]}}', true],
    ['equals-ignore-case', '{"nested":{"file":[{"equals-ignore-case":"PHOTO.png"}]}}', true],
    ['anything-but list', '{"eventName":[{"anything-but":["REMOVE"]}]}', true],
    ['anything-but hit', '{"eventName":[{"anything-but":["INSERT","MODIFY"]}]}', false],
    ['anything-but prefix', '{"region":[{"anything-but":{"prefix":"eu-"}}]}', true],
    ['anything-but on a missing field', '{"absent":[{"anything-but":["x"]}]}', false],
    ['exists true', '{"region":[{"exists":true}]}', true],
    ['exists true on a missing field', '{"absent":[{"exists":true}]}', false],
    ['exists false on a missing field', '{"absent":[{"exists":false}]}', true],
    ['exists false under a missing parent', '{"nope":{"deeper":[{"exists":false}]}}', true],
    ['numeric range', '{"price":[{"numeric":[">",10,"<=",20]}]}', true],
    ['numeric miss', '{"price":[{"numeric":["<",10]}]}', false],
    ['array field: any element', '{"tags":["b"]}', true],
    ['$or', '{"$or":[{"region":["eu-west-1"]},{"price":[15]}]}', true],
    ['$or miss', '{"$or":[{"region":["eu-west-1"]},{"price":[16]}]}', false],
  ])('%s', (_name, json, expected) => {
    // Act
    const passes = matchesFilterCriteria(record, [pattern(json)]);

    // Assess
    expect(passes).toBe(expected);
  });

  it('passes a record that matches any one of several patterns', () => {
    // Prepare
    const patterns = [pattern('{"eventName":["REMOVE"]}'), pattern('{"price":[15]}')];

    // Act
    const passes = matchesFilterCriteria(record, patterns);

    // Assess
    expect(passes).toBe(true);
  });

  it('passes everything when there are no patterns, as Lambda does without FilterCriteria', () => {
    // Act
    const passes = matchesFilterCriteria({ anything: 1 }, []);

    // Assess
    expect(passes).toBe(true);
  });
});

describe('parseFilterPattern', () => {
  it.each([
    ['not JSON', '{eventName:', 'not valid JSON'],
    ['a list at the root', '["INSERT"]', 'expected an object'],
    ['an empty pattern', '{}', 'an empty pattern'],
    ['an empty value list', '{"eventName":[]}', 'eventName: an empty list'],
    ['an unknown operator', '{"eventName":[{"starts-with":"IN"}]}', 'unknown operator "starts-with"'],
    ['a bad numeric', '{"price":[{"numeric":[">"]}]}', 'price[0].numeric'],
    ['a non-string prefix', '{"region":[{"prefix":1}]}', 'region[0].prefix'],
    ['a one-armed $or', '{"$or":[{"a":["b"]}]}', '$or takes a list of at least two'],
  ])('rejects %s, naming where', (_name, json, message) => {
    // Act
    const parsed = parseFilterPattern(json);

    // Assess
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toContain(message);
  });
});
