// Sign-in throttles: reserve an attempt atomically before a password is checked, and clear the count on success.
import { DeleteItemCommand, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import {
  type DecodeError,
  decodeThrottle,
  reservedAttempt,
  SIGNIN_WINDOW_MS,
  type SigninThrottle,
  signinLockout,
  throttleClearing,
  throttleKey,
  throttleReservation,
  throttleRestart,
} from '@footfall/core-model';
import { isConditionalCheckFailed } from './awsErrors';
import { getItem } from './getItem';
import type { Table } from './table';

/**
 * Rounds of reserve → restart a sign-in may go through. Each round that fails lost a race to another
 * request that changed the throttle, so two or three rounds settle any real contention.
 */
const MAX_RESERVATION_ROUNDS = 4;

/**
 * What reserving came to: an attempt reserved (its number in the window), a lock-out (for how many more
 * seconds), or a throttle that kept changing under every round (refuse the attempt and let the client retry).
 */
export type Reservation =
  | { kind: 'reserved'; attempt: number }
  | { kind: 'locked'; retryAfter: number }
  | { kind: 'contended'; rounds: number };

/** A reservation with what it cost, and the throttle items that did not decode (each was restarted). */
export interface ReservationOutcome {
  reservation: Reservation;
  readUnits: number;
  writeUnits: number;
  unreadable: DecodeError[];
}

/**
 * Reserves one sign-in attempt before any password is checked. The reservation is a single conditional ADD,
 * so however requests interleave, at most SIGNIN_MAX_FAILURES succeed in one window. When it is refused, a
 * read tells a lock-out from a window that is over, which is restarted with a write conditional on that same
 * window, so of several requests at the boundary only one restarts it and the others count in the new window.
 * Every decision is made by a condition in DynamoDB; the read only picks the next step.
 * @example const { reservation } = await reserveSigninAttempt(table, 'alice', Date.now);
 */
export async function reserveSigninAttempt(
  table: Table,
  username: string,
  now: () => number,
): Promise<ReservationOutcome> {
  const outcome: ReservationOutcome = {
    reservation: { kind: 'contended', rounds: MAX_RESERVATION_ROUNDS },
    readUnits: 0,
    writeUnits: 0,
    unreadable: [],
  };
  const write = async (parts: Omit<UpdateItemCommandInput, 'TableName'>) => {
    const out = await table.dynamodb.send(
      new UpdateItemCommand({ TableName: table.tableName, ...parts, ReturnConsumedCapacity: 'TOTAL' }),
    );
    outcome.writeUnits += out.ConsumedCapacity?.CapacityUnits ?? 0;
    return out.Attributes;
  };
  /** The throttle as it is now (after a refused reservation); `unreadable` when it does not decode. */
  const readThrottle = async (): Promise<SigninThrottle | 'unreadable' | undefined> => {
    const { item, readUnits } = await getItem(table, throttleKey(username));
    outcome.readUnits += readUnits;
    if (!item) return undefined;
    const decoded = decodeThrottle(item);
    if (decoded.ok) return decoded.value;
    outcome.unreadable.push(decoded.error);
    return 'unreadable';
  };

  for (let round = 0; round < MAX_RESERVATION_ROUNDS; round++) {
    const at = now();
    try {
      const attributes = await write({ ...throttleReservation(username, at), ReturnValues: 'UPDATED_NEW' });
      return { ...outcome, reservation: { kind: 'reserved', attempt: reservedAttempt(attributes) ?? 1 } };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    const throttle = await readThrottle();
    if (throttle === undefined) continue; // Deleted meanwhile (a success, or TTL): reserve again.
    if (throttle !== 'unreadable') {
      const retryAfter = signinLockout(throttle, at);
      if (retryAfter !== undefined) return { ...outcome, reservation: { kind: 'locked', retryAfter } };
      // Not locked yet the reservation was refused: another request changed the window; try again.
      if (at < throttle.windowStart + SIGNIN_WINDOW_MS) continue;
    }
    try {
      await write(
        throttleRestart(username, at, throttle === 'unreadable' ? undefined : throttle.windowStart),
      );
      return { ...outcome, reservation: { kind: 'reserved', attempt: 1 } };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      // Another request restarted the window first: reserve in the new one.
    }
  }
  return outcome;
}

/**
 * Deletes a username's throttle: a successful sign-in resets the count, and a new password lifts a lock-out.
 * @example await clearSigninThrottle(table, 'alice');
 */
export async function clearSigninThrottle(table: Table, username: string): Promise<{ writeUnits: number }> {
  const out = await table.dynamodb.send(
    new DeleteItemCommand({
      TableName: table.tableName,
      ...throttleClearing(username),
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  return { writeUnits: out.ConsumedCapacity?.CapacityUnits ?? 0 };
}
