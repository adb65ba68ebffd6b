// User and sign-in throttle items: one spelling per username, session epochs, and the update expressions
// that the CLI and api-fn send (their behaviour on a real table is tested in api-fn and the CLI).
import {
  decodeThrottle,
  decodeUser,
  encodeThrottle,
  encodeUser,
  isNormalUsername,
  normaliseUsername,
  PARTITION_KEY,
  passwordChange,
  passwordHashUpgrade,
  SIGNIN_MAX_FAILURES,
  SIGNIN_WINDOW_MS,
  sessionRevocation,
  THROTTLE_ATTRIBUTES,
  throttleKey,
  throttleReservation,
  throttleRestart,
  USER_ATTRIBUTES,
  userKey,
} from '../../src';

const HASH = '$pbkdf2-sha256$i=600000,l=32$c2FsdA$aGFzaA';

describe('usernames', () => {
  test('are case-insensitive: every spelling has the same user and throttle key', () => {
    // Act
    const keys = ['Bob', 'bob', 'BOB'].map((name) => [userKey(name), throttleKey(name)]);

    // Assess
    expect(keys[0]).toEqual([userKey('bob'), throttleKey('bob')]);
    expect(keys[1]).toEqual(keys[0]);
    expect(keys[2]).toEqual(keys[0]);
    expect(userKey('Bob').Path).toEqual({ S: 'user#bob' });
    expect(normaliseUsername('Alice.Smith@Example')).toBe('alice.smith@example');
  });

  test('are stored lower-case whatever the spelling given', () => {
    // Act
    const stored = encodeUser({ username: 'Bob', passwordHash: HASH, createdAt: 1, sessionEpoch: 0 });

    // Assess
    expect(stored.Path).toEqual({ S: 'user#bob' });
    expect(decodeUser(stored)).toEqual({
      ok: true,
      value: { username: 'bob', passwordHash: HASH, createdAt: 1, sessionEpoch: 0 },
    });
  });

  test('a legacy mixed-case item still decodes under its stored name, flagged as not normal', () => {
    // Prepare
    const legacy = {
      Path: { S: 'user#Bob' },
      Section: { S: 'user' },
      PasswordHash: { S: HASH },
      CreatedAt: { N: '5' },
    };

    // Act
    const decoded = decodeUser(legacy);

    // Assess
    expect(decoded).toEqual({
      ok: true,
      value: { username: 'Bob', passwordHash: HASH, createdAt: 5, sessionEpoch: 0 },
    });
    expect(isNormalUsername('Bob')).toBe(false);
    expect(isNormalUsername('bob')).toBe(true);
  });
});

describe('session epochs', () => {
  test('a user item without an epoch reads as epoch 0; a malformed epoch is an error naming it', () => {
    // Prepare
    const item = encodeUser({ username: 'bob', passwordHash: HASH, createdAt: 1, sessionEpoch: 3 });
    const { SessionEpoch: _epoch, ...withoutEpoch } = item;

    // Act
    const withEpoch = decodeUser(item);
    const without = decodeUser(withoutEpoch);
    const malformed = decodeUser({ ...item, SessionEpoch: { S: '3' } });

    // Assess
    expect(withEpoch.ok && withEpoch.value.sessionEpoch).toBe(3);
    expect(without.ok && without.value.sessionEpoch).toBe(0);
    expect(malformed.ok).toBe(false);
    expect(!malformed.ok && malformed.error.message).toContain('SessionEpoch');
  });

  test('a password change sets the hash and bumps the epoch of an existing user only', () => {
    // Act
    const update = passwordChange('Bob', HASH);

    // Assess
    expect(update.Key).toEqual(userKey('bob'));
    expect(update.UpdateExpression).toBe('SET #h = :new ADD #e :one');
    expect(update.ConditionExpression).toBe('attribute_exists(#p)');
    expect(update.ExpressionAttributeNames).toEqual({
      '#h': USER_ATTRIBUTES.passwordHash,
      '#e': USER_ATTRIBUTES.sessionEpoch,
      '#p': PARTITION_KEY,
    });
    expect(update.ExpressionAttributeValues).toEqual({ ':new': { S: HASH }, ':one': { N: '1' } });
  });

  test('a sign-out bumps the epoch of an existing user and touches nothing else', () => {
    // Act
    const update = sessionRevocation('BOB');

    // Assess
    expect(update.Key).toEqual(userKey('bob'));
    expect(update.UpdateExpression).toBe('ADD #e :one');
    expect(update.ConditionExpression).toBe('attribute_exists(#p)');
    expect(Object.values(update.ExpressionAttributeNames).sort()).toEqual(
      [USER_ATTRIBUTES.sessionEpoch, PARTITION_KEY].sort(),
    );
  });

  test("sign-in's hash upgrade names only the password hash, and only replaces the hash it checked", () => {
    // Act
    const update = passwordHashUpgrade('Bob', 'old', 'new');

    // Assess
    expect(update.Key).toEqual(userKey('bob'));
    expect(update.UpdateExpression).toBe('SET #h = :new');
    expect(update.ConditionExpression).toBe('#h = :old');
    expect(update.ExpressionAttributeNames).toEqual({ '#h': USER_ATTRIBUTES.passwordHash });
    expect(update.ExpressionAttributeValues).toEqual({ ':new': { S: 'new' }, ':old': { S: 'old' } });
  });
});

describe('sign-in throttle items', () => {
  const NOW = 1_700_000_000_000;

  test('a reservation is one conditional ADD: no item yet, or an open window below the limit', () => {
    // Act
    const update = throttleReservation('Bob', NOW);

    // Assess
    expect(update.Key).toEqual(throttleKey('bob'));
    expect(update.UpdateExpression).toMatch(/^ADD #f :one SET /);
    expect(update.ConditionExpression).toBe('attribute_not_exists(#f) OR (#w > :since AND #f < :max)');
    expect(update.ExpressionAttributeNames).toEqual({
      '#f': THROTTLE_ATTRIBUTES.failures,
      '#w': THROTTLE_ATTRIBUTES.windowStart,
      '#x': THROTTLE_ATTRIBUTES.expiresAt,
    });
    expect(update.ExpressionAttributeValues[':since']).toEqual({ N: String(NOW - SIGNIN_WINDOW_MS) });
    expect(update.ExpressionAttributeValues[':max']).toEqual({ N: String(SIGNIN_MAX_FAILURES) });
    expect(update.ExpressionAttributeValues[':now']).toEqual({ N: String(NOW) });
  });

  test('a restart replaces only the window that was seen, so two racers cannot both restart it', () => {
    // Act
    const update = throttleRestart('bob', NOW, NOW - SIGNIN_WINDOW_MS - 5);

    // Assess
    expect(update.UpdateExpression).toBe('SET #f = :one, #w = :now, #x = :expires');
    expect(update.ConditionExpression).toBe('#w = :seen');
    expect(update.ExpressionAttributeValues[':seen']).toEqual({ N: String(NOW - SIGNIN_WINDOW_MS - 5) });
  });

  test('a restart of an unreadable throttle applies only while it is still unreadable', () => {
    // Act
    const update = throttleRestart('bob', NOW, undefined);

    // Assess
    expect(update.ConditionExpression).toBe(
      'attribute_exists(#p) AND NOT (attribute_type(#w, :number) AND attribute_type(#f, :number))',
    );
    expect(update.ExpressionAttributeValues[':number']).toEqual({ S: 'N' });
  });

  test('decodes what it encodes, and a throttle without its TTL attribute still counts', () => {
    // Prepare
    const item = encodeThrottle({ username: 'Bob', failures: 4, windowStart: NOW });
    const { [THROTTLE_ATTRIBUTES.expiresAt]: _ttl, ...withoutTtl } = item;

    // Act
    const decoded = decodeThrottle(item);
    const withoutExpiry = decodeThrottle(withoutTtl);

    // Assess
    expect(decoded).toEqual({ ok: true, value: { username: 'bob', failures: 4, windowStart: NOW } });
    expect(withoutExpiry).toEqual(decoded);
    expect(decodeThrottle({ ...item, Failures: { S: 'x' } }).ok).toBe(false);
  });
});
