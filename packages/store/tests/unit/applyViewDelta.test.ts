// Failure classes of the aggregate writer that DynamoDB Local cannot produce (throttling, 5xx, timeouts, a
// dead letter that cannot be written), with aws-sdk-client-mock: each ends in a retry with nothing left applied.
import {
  BatchGetItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { ViewDelta } from '@footfall/core-model';
import { awsError, mockedDynamo } from '@footfall/testing';
import { type AggregateWriteContext, applyViewDelta, TrieKnowledge } from '../../src';
import { aView } from '../helpers/views';

const { client: dynamodb, mock: ddb } = mockedDynamo();

function ctx(overrides: Partial<AggregateWriteContext> = {}): AggregateWriteContext {
  return {
    dynamodb,
    tableName: 'footfall',
    knowledge: new TrieKnowledge(),
    concurrency: 1,
    nearDeadline: () => false,
    remainingMs: () => 60_000,
    undoRounds: 3,
    undoFloorMs: 0,
    sleep: async () => {},
    now: () => 1_000,
    ...overrides,
  };
}

/** Three views: trie writes (page, referrer), then series and technology items. */
function delta(): ViewDelta {
  const d = new ViewDelta();
  for (const path of ['/a', '/b', '/c']) d.addChange(undefined, aView({ path, referrer: 'google.com' }));
  return d;
}

/** The amounts an update adds, by attribute (Sz excluded: undo never touches it). */
function addsOf(input: UpdateItemCommandInput): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const m of (input.UpdateExpression ?? '').matchAll(/(#\w+) (:\w+)/g)) {
    const name = input.ExpressionAttributeNames?.[m[1] ?? ''] ?? '';
    const n = input.ExpressionAttributeValues?.[m[2] ?? '']?.N;
    if (n !== undefined && name !== 'Sz') out.set(`${input.Key?.Section?.S} ${name}`, BigInt(n));
  }
  return out;
}

beforeEach(() => {
  ddb.reset();
  ddb.on(GetItemCommand).resolves({});
  ddb.on(BatchGetItemCommand).resolves({ Responses: { footfall: [] } });
  ddb.on(PutItemCommand).resolves({});
  ddb.on(DeleteItemCommand).resolves({});
});

describe.each([
  ['throttling that outlasted the SDK retries', awsError('ProvisionedThroughputExceededException', 400)],
  ['a 500 from DynamoDB', awsError('InternalServerError', 500)],
  ['a request timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
  ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
])('a transient fault (%s)', (_name, fault) => {
  test('stops the batch, undoes every landed write exactly, and writes no dead letter', async () => {
    // Prepare: the series write (the last phase) fails; everything before it lands.
    const landed: UpdateItemCommandInput[] = [];
    ddb.on(UpdateItemCommand).callsFake(async (input: UpdateItemCommandInput) => {
      if (
        input.Key?.Section?.S?.startsWith('series#') &&
        !/-/.test(input.ExpressionAttributeValues?.[':a0']?.N ?? '')
      )
        throw fault;
      landed.push(input);
      return { ConsumedCapacity: { CapacityUnits: 1 } };
    });

    // Act
    const outcome = await applyViewDelta(delta(), [], ctx());

    // Assess
    expect(outcome.status).toBe('rolled-back');
    const net = new Map<string, bigint>();
    for (const input of landed) for (const [k, v] of addsOf(input)) net.set(k, (net.get(k) ?? 0n) + v);
    expect([...net.values()].every((v) => v === 0n)).toBe(true);
    expect(landed.length).toBeGreaterThan(2);
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(0);
  });
});

test('a permanent refusal is set aside as a dead letter and the rest of the batch still lands', async () => {
  // Prepare
  ddb.on(UpdateItemCommand).callsFake(async (input: UpdateItemCommandInput) => {
    if (input.Key?.Section?.S?.startsWith('dims#t#')) throw awsError('ValidationException', 400);
    return {};
  });

  // Act
  const outcome = await applyViewDelta(delta(), [], ctx());

  // Assess
  expect(outcome.status).toBe('applied');
  if (outcome.status !== 'applied') return;
  expect(outcome.stats.deadLettered).toBe(1);
  const put = ddb.commandCalls(PutItemCommand)[0]?.args[0].input.Item;
  expect(put?.TargetSection?.S).toMatch(/^dims#t#/);
  expect(Object.keys(put?.Adds?.M ?? {})).toEqual(expect.arrayContaining(['b:Firefox', 'c:DE']));
});

test('a dead letter that cannot be written stops the batch (nothing is dropped) and undoes the rest', async () => {
  // Prepare
  ddb.on(UpdateItemCommand).callsFake(async (input: UpdateItemCommandInput) => {
    if (
      input.Key?.Section?.S?.startsWith('dims#t#') &&
      !(input.ExpressionAttributeValues?.[':a0']?.N ?? '').startsWith('-')
    )
      throw awsError('ValidationException', 400);
    return {};
  });
  ddb.on(PutItemCommand).rejects(awsError('ProvisionedThroughputExceededException', 400));

  // Act
  const outcome = await applyViewDelta(delta(), [], ctx());

  // Assess
  expect(outcome.status).toBe('rolled-back');
  const undos = ddb
    .commandCalls(UpdateItemCommand)
    .filter((c) => c.args[0].input.ExpressionAttributeValues?.[':a0']?.N?.startsWith('-'));
  expect(undos.length).toBeGreaterThan(0);
});

test('the deadline stops new writes and takes back the ones that landed', async () => {
  // Prepare
  let calls = 0;
  ddb.on(UpdateItemCommand).callsFake(async () => {
    calls++;
    return {};
  });

  // Act: the deadline arrives after the first write.
  const outcome = await applyViewDelta(delta(), [], ctx({ nearDeadline: () => calls >= 1 }));

  // Assess
  expect(outcome.status).toBe('rolled-back');
  expect(outcome.status === 'rolled-back' && outcome.reason).toBe('deadline');
  expect(calls).toBe(2);
});

test('an item that filled up meanwhile sends its values to the next item, in the same invocation', async () => {
  // Prepare: the root page item refuses (full), returning itself as the condition failure's item.
  ddb.on(UpdateItemCommand).callsFake(async (input: UpdateItemCommandInput) => {
    if (input.Key?.Section?.S === 'pg#2026-03-08#' && input.ConditionExpression)
      throw Object.assign(awsError('ConditionalCheckFailedException', 400), {
        Item: { ...input.Key, Sz: { N: '950' }, ':/x': { N: '0' } },
      });
    return {};
  });

  // Act
  const outcome = await applyViewDelta(delta(), [], ctx());

  // Assess
  expect(outcome.status === 'rolled-back' ? outcome.cause : undefined).toBeUndefined();
  expect(outcome.status).toBe('applied');
  const pageWrites = ddb
    .commandCalls(UpdateItemCommand)
    .map((c) => c.args[0].input.Key?.Section?.S ?? '')
    .filter((s) => s.startsWith('pg#'));
  expect(pageWrites[0]).toBe('pg#2026-03-08#');
  expect(pageWrites.slice(1).every((s) => s.length === 'pg#2026-03-08#'.length + 1)).toBe(true);
  expect(outcome.status === 'applied' && outcome.stats.conditionalFailures).toBe(1);
});

test('a dead letter DynamoDB refuses for its content is kept without it, and the batch still lands', async () => {
  // Prepare: the series write is refused, and so is the first (full) dead letter.
  ddb.on(UpdateItemCommand).callsFake(async (input: UpdateItemCommandInput) => {
    if (input.Key?.Section?.S?.startsWith('series#')) throw awsError('ValidationException', 400);
    return {};
  });
  let puts = 0;
  ddb.on(PutItemCommand).callsFake(async () => {
    puts++;
    if (puts === 1) throw awsError('ValidationException', 400);
    return {};
  });

  // Act
  const outcome = await applyViewDelta(delta(), [], ctx());

  // Assess
  expect(outcome.status).toBe('applied');
  const kept = ddb.commandCalls(PutItemCommand)[1]?.args[0].input.Item;
  expect(kept?.Error?.S).toMatch(/content could not be stored/);
  expect(kept?.TargetSection?.S).toMatch(/^series#/);
});

test('an undo leaves the accounting of entries that stay (size, distinct counts) as it is', async () => {
  // Prepare: everything lands, then the technology item fails, so the batch is rolled back.
  const undos: UpdateItemCommandInput[] = [];
  ddb.on(UpdateItemCommand).callsFake(async (input: UpdateItemCommandInput) => {
    const first = input.ExpressionAttributeValues?.[':a0']?.N ?? '';
    if (first.startsWith('-')) undos.push(input);
    else if (input.Key?.Section?.S?.startsWith('dims#t#')) throw awsError('ThrottlingException', 400);
    return {};
  });

  // Act
  const outcome = await applyViewDelta(delta(), [], ctx({ concurrency: 1 }));

  // Assess
  expect(outcome.status).toBe('rolled-back');
  const undone = undos.flatMap((u) => Object.values(u.ExpressionAttributeNames ?? {}));
  expect(undone).not.toContain('Sz');
  expect(undone.filter((n) => /^c(pg|rf|us|uc)$/.test(n))).toEqual([]);
  expect(undone).toEqual(expect.arrayContaining(['v00']));
});
