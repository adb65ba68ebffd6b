// Dead letters for operators: list what the trigger set aside, and replay each exactly once.
import {
  DeleteItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DEAD_LETTER_PARTITION,
  type DeadLetter,
  type DecodeError,
  deadLetterClaim,
  deadLetterKey,
  deadLetterRelease,
  deadLetterReplay,
  decodeDeadLetter,
  decodeRecord,
  type Item,
  partitionQuery,
  sectionOf,
  ViewDelta,
} from '@footfall/core-model';
import { aggregate } from './aggregates/aggregate';
import { describeError, isConditionalCheckFailed } from './awsErrors';
import type { Table } from './table';

/** What listing found: the dead letters, and the items that could not be read as one (with why). */
export interface DeadLetterList {
  letters: DeadLetter[];
  unreadable: { id: string; error: DecodeError }[];
}

/**
 * Lists dead letters, oldest first (one Query of their partition).
 * @example const { letters } = await listDeadLetters(table);
 */
export async function listDeadLetters(table: Table, limit = 1000): Promise<DeadLetterList> {
  const letters: DeadLetter[] = [];
  const unreadable: DeadLetterList['unreadable'] = [];
  let startKey: Item | undefined;
  do {
    const out = await table.dynamodb.send(
      new QueryCommand({
        TableName: table.tableName,
        ...partitionQuery(DEAD_LETTER_PARTITION),
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of out.Items ?? []) {
      const d = decodeDeadLetter(item);
      if (d.ok) letters.push(d.value);
      else unreadable.push({ id: sectionOf(item) || '?', error: d.error });
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey && letters.length + unreadable.length < limit);
  return { letters: letters.slice(0, limit), unreadable };
}

/** How a replay ended. */
export type ReplayResult =
  | { status: 'replayed'; id: string }
  /** Nothing to do: another replay took it first (or it never existed). */
  | { status: 'gone'; id: string }
  /** DynamoDB refused it again (the cause is still there); it stays listed. */
  | { status: 'refused'; id: string; error: string }
  /** A record that still cannot be read; it stays listed. */
  | { status: 'unreadable'; id: string; error: string };

/**
 * Re-applies one dead letter and removes it, exactly once. An update is applied and deleted in one
 * transaction (a second replay finds nothing). A record is re-read with today's decoder, claimed, counted with
 * the trigger's own rules, then deleted; if counting fails the claim is released.
 * @example await replayDeadLetter(table, letter)
 */
export async function replayDeadLetter(table: Table, letter: DeadLetter): Promise<ReplayResult> {
  const key = deadLetterKey(letter.id);
  if (letter.kind === 'update') {
    const replay = deadLetterReplay(letter);
    if (!replay) return { status: 'refused', id: letter.id, error: 'the dead letter holds no update' };
    try {
      await table.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Update: { TableName: table.tableName, ...replay.update } },
            { Delete: { TableName: table.tableName, ...replay.delete } },
          ],
        }),
      );
      return { status: 'replayed', id: letter.id };
    } catch (error) {
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      if (reasons[1]?.Code === 'ConditionalCheckFailed') return { status: 'gone', id: letter.id };
      if (error instanceof Error && error.name === 'TransactionCanceledException')
        return { status: 'refused', id: letter.id, error: describeError(error) };
      throw error;
    }
  }

  let record: unknown;
  try {
    record = JSON.parse(letter.record ?? '');
  } catch (error) {
    return {
      status: 'unreadable',
      id: letter.id,
      error: `the kept record is not JSON: ${describeError(error)}`,
    };
  }
  const decoded = decodeRecord(record, 0);
  if (decoded.kind === 'poison') return { status: 'unreadable', id: letter.id, error: decoded.error.message };
  try {
    await table.dynamodb.send(
      new UpdateItemCommand({ TableName: table.tableName, ...deadLetterClaim(letter.id, Date.now()) }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error)) return { status: 'gone', id: letter.id };
    throw error;
  }
  const delta = new ViewDelta();
  if (decoded.kind === 'change') delta.addChange(decoded.before, decoded.after);
  else if (decoded.kind === 'event') delta.addEvent(decoded.event);
  const outcome = await aggregate(table, delta);
  if (outcome.status !== 'applied') {
    await table.dynamodb.send(
      new UpdateItemCommand({ TableName: table.tableName, ...deadLetterRelease(letter.id) }),
    );
    return { status: 'refused', id: letter.id, error: `counting failed (${outcome.status}); try again` };
  }
  await table.dynamodb.send(new DeleteItemCommand({ TableName: table.tableName, Key: key }));
  return { status: 'replayed', id: letter.id };
}
