// template.yaml's IAM: exact actions on exact ARNs, no wildcards, no SAM-generated roles with managed policies.
import {
  accessChange,
  DEAD_LETTER_PARTITION,
  deadLetterKey,
  eventKey,
  goalKey,
  PARTITION_KEY,
  passwordHashUpgrade,
  SHARES_PARTITION,
  SITES_PARTITION,
  SORT_KEY,
  seriesKey,
  sessionRevocation,
  shareCreation,
  shareKey,
  shareRemoval,
  sharesQuery,
  siteCreation,
  sitePartition,
  siteRemoval,
  sitesQuery,
  sitesSeededMarker,
  THROTTLE_ATTRIBUTES,
  techKey,
  throttleKey,
  throttleReservation,
  throttleRestart,
  trieNodeKey,
  type UpdateParts,
  USER_ATTRIBUTES,
  userKey,
  viewKey,
} from '@footfall/core-model';
import { findStatements, listOf, roleStatements } from '../helpers/iam';
import { idsOfType, repoTemplate, resource } from '../helpers/repo';

const template = repoTemplate();
const all = findStatements(template.Resources);
const logGroupIds = new Set(idsOfType(template, 'AWS::Logs::LogGroup'));
// The partition prefix of sign-in throttle items, from core-model's key function (`signin#<user>`).
const THROTTLE_PREFIX = throttleKey('x').Path.S.slice(0, -1);
const prefixOf = (partition: string) => `${partition.slice(0, partition.indexOf('#') + 1)}*`;
const VIEWS = prefixOf(viewKey('00000000-0000-4000-8000-000000000000').Path.S);
const EVENTS = prefixOf(eventKey('00000000-0000-4000-8000-000000000000').Path.S);
const GOALS = prefixOf(goalKey('example.com', '0123abcd').Path.S);
const USERS = prefixOf(userKey('x').Path.S);
const THROTTLES = prefixOf(throttleKey('x').Path.S);
const SITES = prefixOf(sitePartition('example.com'));
const onLeadingKeys = (keys: string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': keys } });
const KEYS = [PARTITION_KEY, SORT_KEY];

/** The attributes an UpdateItem names (keys included), as IAM's dynamodb:Attributes sees them. */
const attributesOf = (update: UpdateParts): string[] => [
  ...new Set([...KEYS, ...Object.values(update.ExpressionAttributeNames)]),
];

/** The wildcard a resource carries, if any; a log group's Arn attribute ends in ":*" (its streams). */
function wildcardIn(resourceValue: unknown): string | undefined {
  if (typeof resourceValue === 'string') return resourceValue.includes('*') ? resourceValue : undefined;
  const json = JSON.stringify(resourceValue);
  const getAtt = (resourceValue as { 'Fn::GetAtt'?: unknown[] })['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[1] === 'Arn' && logGroupIds.has(String(getAtt[0]))) return undefined;
  return json.includes('*') ? json : undefined;
}

function actionsOn(statements: Record<string, unknown>[], resourceValue: unknown): string[] {
  const target = JSON.stringify(resourceValue);
  return statements
    .filter((s) => listOf(s.Resource).some((r) => JSON.stringify(r) === target))
    .flatMap((s) => listOf(s.Action) as string[])
    .sort();
}

describe('template.yaml IAM', () => {
  it('has policy statements to check', () => {
    // Assess
    expect(all.length).toBeGreaterThan(4);
  });

  it('has no wildcard action anywhere', () => {
    // Act
    const offenders = all.filter(({ statement }) =>
      listOf(statement.Action).some((a) => typeof a !== 'string' || a.includes('*')),
    );

    // Assess
    expect(offenders).toEqual([]);
  });

  it('has no wildcard resource anywhere (a log group ARN covers only its own streams)', () => {
    // Act
    const offenders = all.filter(({ statement }) =>
      listOf(statement.Resource).some((r) => wildcardIn(r) !== undefined),
    );

    // Assess
    expect(offenders).toEqual([]);
  });

  it('uses no NotAction, NotResource or wildcard principal', () => {
    // Act
    const offenders = all.filter(
      ({ statement }) =>
        'NotAction' in statement ||
        'NotResource' in statement ||
        JSON.stringify(statement.Principal ?? {}).includes('*'),
    );

    // Assess
    expect(offenders).toEqual([]);
  });

  it.each(['ApiFn', 'StreamTriggerFn'])(
    '%s uses a written-out role, not a SAM one with AWS managed policies',
    (id) => {
      // Act
      const props = resource(template, id).Properties;

      // Assess
      expect(props.Role).toEqual({ 'Fn::GetAtt': [`${id}Role`, 'Arn'] });
      expect(props.Policies).toBeUndefined();
      expect(resource(template, `${id}Role`).Properties.ManagedPolicyArns).toBeUndefined();
    },
  );

  it('lets api-fn put and update views, add users and update their hash, role, sites and epoch, a throttle’s own attributes, read users, throttles and aggregates, delete only throttles', () => {
    // Prepare
    const statements = roleStatements(resource(template, 'ApiFnRole').Properties);
    const table = { 'Fn::GetAtt': ['Table', 'Arn'] };

    // Act
    const onTable = statements.filter((s) => JSON.stringify(s.Resource) === JSON.stringify(table));

    // Assess: every table statement is bound to partitions; none reaches the aggregates' writes, none may
    // create or replace a user (no PutItem on user#, UpdateItem of PasswordHash only, nothing returned).
    expect(onTable).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        Resource: table,
        Condition: onLeadingKeys([VIEWS]),
      },
      {
        Effect: 'Allow',
        Action: 'dynamodb:PutItem',
        Resource: table,
        Condition: onLeadingKeys([EVENTS]),
      },
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
        Resource: table,
        Condition: onLeadingKeys([GOALS]),
      },
      {
        Effect: 'Allow',
        Action: 'dynamodb:UpdateItem',
        Resource: table,
        Condition: {
          ...onLeadingKeys([USERS]),
          'ForAllValues:StringEquals': {
            'dynamodb:Attributes': [
              ...KEYS,
              USER_ATTRIBUTES.passwordHash,
              USER_ATTRIBUTES.sessionEpoch,
              USER_ATTRIBUTES.role,
              USER_ATTRIBUTES.sites,
            ],
          },
          StringEqualsIfExists: { 'dynamodb:ReturnValues': ['NONE'] },
        },
      },
      {
        Effect: 'Allow',
        Action: 'dynamodb:PutItem',
        Resource: table,
        Condition: {
          ...onLeadingKeys([USERS]),
          'ForAllValues:StringEquals': {
            'dynamodb:Attributes': [...KEYS, ...Object.values(USER_ATTRIBUTES)],
          },
          StringEqualsIfExists: { 'dynamodb:ReturnValues': ['NONE'] },
        },
      },
      {
        Effect: 'Allow',
        Action: 'dynamodb:UpdateItem',
        Resource: table,
        Condition: {
          ...onLeadingKeys([THROTTLES]),
          'ForAllValues:StringEquals': {
            'dynamodb:Attributes': [...KEYS, ...Object.values(THROTTLE_ATTRIBUTES)],
          },
          StringEqualsIfExists: { 'dynamodb:ReturnValues': ['NONE', 'UPDATED_NEW'] },
        },
      },
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:Query'],
        Resource: table,
        Condition: onLeadingKeys([USERS, THROTTLES, SITES]),
      },
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
        Resource: table,
        Condition: onLeadingKeys([SITES_PARTITION]),
      },
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:Query'],
        Resource: table,
        Condition: onLeadingKeys([SHARES_PARTITION]),
      },
      {
        Effect: 'Allow',
        Action: 'dynamodb:DeleteItem',
        Resource: table,
        Condition: onLeadingKeys([`${THROTTLE_PREFIX}*`]),
      },
    ]);
    expect(actionsOn(statements, { 'Fn::GetAtt': ['ApiFnLogGroup', 'Arn'] })).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
  });

  it('allows every update api-fn sends, and names in it only attributes the policy allows', () => {
    // Prepare
    const statements = roleStatements(resource(template, 'ApiFnRole').Properties);
    const allowedFor = (prefix: string) =>
      (
        statements.find(
          (s) =>
            s.Action === 'dynamodb:UpdateItem' &&
            JSON.stringify(s.Condition).includes(JSON.stringify([prefix])),
        )?.Condition as Record<string, Record<string, string[]>> | undefined
      )?.['ForAllValues:StringEquals']?.['dynamodb:Attributes'] ?? [];
    const now = Date.UTC(2026, 0, 1);

    // Act
    const sent: [string, UpdateParts][] = [
      [USERS, passwordHashUpgrade('bob', 'old', 'new')],
      [USERS, accessChange('bob', 'viewer', ['example.com'])],
      [USERS, sessionRevocation('bob')],
      [THROTTLES, throttleReservation('bob', now)],
      [THROTTLES, throttleRestart('bob', now, now - 1)],
      [THROTTLES, throttleRestart('bob', now, undefined)],
    ];

    // Assess
    for (const [prefix, update] of sent) {
      expect(prefixOf(update.Key.Path.S)).toBe(prefix);
      expect(allowedFor(prefix)).toEqual(expect.arrayContaining(attributesOf(update)));
    }
    // A user's incarnation never changes: tokens name it, so a user removed and added again stays signed out.
    expect(allowedFor(USERS)).not.toContain(USER_ATTRIBUTES.createdAt);
  });

  it('grants the site list and share links on their own partitions only, the keys every command of theirs uses', () => {
    // Prepare
    const statements = roleStatements(resource(template, 'ApiFnRole').Properties);
    const grantsOn = (partition: string) =>
      statements
        .filter((s) => JSON.stringify(s.Condition) === JSON.stringify(onLeadingKeys([partition])))
        .flatMap((s) => listOf(s.Action) as string[]);
    const now = Date.UTC(2026, 0, 1);
    const link = { id: 'A'.repeat(24), site: 'example.com', createdAt: now, origins: [] };

    // Act: the partition each command names, by what it does
    const commands: [string, string][] = [
      ['dynamodb:PutItem', siteCreation('example.com', now).Item[PARTITION_KEY]?.S ?? ''],
      ['dynamodb:PutItem', sitesSeededMarker(now).Item[PARTITION_KEY]?.S ?? ''],
      ['dynamodb:DeleteItem', siteRemoval('example.com').Key.Path.S],
      ['dynamodb:Query', sitesQuery().ExpressionAttributeValues[':p']?.S ?? ''],
      ['dynamodb:PutItem', shareCreation(link).Item[PARTITION_KEY]?.S ?? ''],
      ['dynamodb:GetItem', shareKey(link.id).Path.S],
      ['dynamodb:DeleteItem', shareRemoval(link.id, link.site).Key.Path.S],
      ['dynamodb:Query', sharesQuery().ExpressionAttributeValues[':p']?.S ?? ''],
    ];

    // Assess: each is granted on exactly its partition, which is neither a site's aggregates nor a user
    for (const [action, partition] of commands) expect(grantsOn(partition)).toContain(action);
    expect([SITES_PARTITION, SHARES_PARTITION].map(prefixOf)).not.toContain(SITES);
    expect(SITES_PARTITION.startsWith(SITES.slice(0, -1))).toBe(false);
    expect(grantsOn(SITES_PARTITION)).not.toContain('dynamodb:UpdateItem');
    expect(grantsOn(SHARES_PARTITION)).not.toContain('dynamodb:UpdateItem');
  });

  it('lets api-fn read only the one key parameter', () => {
    // Prepare
    const statements = roleStatements(resource(template, 'ApiFnRole').Properties);

    // Act
    const ssm = statements.filter((s) => listOf(s.Action).some((a) => String(a).startsWith('ssm:')));

    // Assess
    expect(ssm).toHaveLength(1);
    expect(listOf(ssm[0]?.Action)).toEqual(['ssm:GetParameter']);
    // The ARN is a Fn::Sub over the parameter name (CloudFormation's ${} syntax, not a JS template).
    const sub = (ssm[0]?.Resource as { 'Fn::Sub'?: string } | undefined)?.['Fn::Sub'] ?? '';
    expect(sub.endsWith(':parameter$' + '{AuthKeyParameterName}')).toBe(true);
  });

  it('lets the stream trigger update and read only aggregates, put and delete only dead letters, read its stream and report failures to its queue', () => {
    // Prepare
    const statements = roleStatements(resource(template, 'StreamTriggerFnRole').Properties);
    const table = { 'Fn::GetAtt': ['Table', 'Arn'] };

    // Act
    const onTable = statements.filter((s) => JSON.stringify(s.Resource) === JSON.stringify(table));

    // Assess: ADD to aggregates (and undo), read trie items and series to route, keep dead letters (deleted
    // again on a rollback); no Query, Scan, batch write or transaction, nothing on views, users or throttles.
    expect(onTable).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:UpdateItem', 'dynamodb:GetItem', 'dynamodb:BatchGetItem'],
        Resource: table,
        Condition: onLeadingKeys([SITES]),
      },
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem'],
        Resource: table,
        Condition: onLeadingKeys([DEAD_LETTER_PARTITION]),
      },
    ]);
    expect(actionsOn(statements, { 'Fn::GetAtt': ['Table', 'StreamArn'] })).toEqual(
      [
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:ListStreams',
      ].sort(),
    );
    expect(actionsOn(statements, { 'Fn::GetAtt': ['StreamFailureQueue', 'Arn'] })).toEqual([
      'sqs:SendMessage',
    ]);
    expect(actionsOn(statements, { 'Fn::GetAtt': ['StreamTriggerFnLogGroup', 'Arn'] })).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
    // Nothing else: every statement of the role is one of the above.
    const resources = [
      table,
      { 'Fn::GetAtt': ['Table', 'StreamArn'] },
      { 'Fn::GetAtt': ['StreamFailureQueue', 'Arn'] },
      { 'Fn::GetAtt': ['StreamTriggerFnLogGroup', 'Arn'] },
    ].map((r) => JSON.stringify(r));
    expect(statements.filter((s) => !resources.includes(JSON.stringify(s.Resource)))).toEqual([]);
    expect(statements).toHaveLength(onTable.length + 3);
  });

  it('names in its conditions exactly the partitions core-model gives aggregates and dead letters', () => {
    // Prepare: the keys the trigger writes, from core-model.
    const written = [
      seriesKey('example.com', '2026-03-08'),
      techKey('example.com', '2026-03-08'),
      trieNodeKey('example.com', 'page', '2026-03-08', '3f'),
      trieNodeKey('example.com', 'referrer', '2026-03-08', ''),
    ];

    // Act
    const prefixes = written.map((k) => prefixOf(k.Path.S));

    // Assess
    expect(new Set(prefixes)).toEqual(new Set([SITES]));
    expect(deadLetterKey('2026-03-08T00:00:00.000Z#x').Path.S).toBe(DEAD_LETTER_PARTITION);
  });
});
