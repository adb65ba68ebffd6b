// The real `footfall` command against DynamoDB Local: a user it creates signs in through the built API function,
// password changes, sign-outs and removals end that user's sessions, and its CSV export is the API's.

import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ViewDelta } from '@footfall/core-model';
import { createTestTable, type TestTable } from '@footfall/dynamodb-local';
import { aggregate, replaceUser } from '@footfall/store';
import {
  type HttpEventInput,
  invokeApi,
  type LocalFunction,
  localFunctionEnv,
  rawView,
  sessionToken,
  startBundle,
  testUser,
} from '@footfall/testing';
import { generateKey } from '@footfall/tokens';
import { runFootfall } from '../helpers/runFootfall';

jest.setTimeout(120_000);

const AUTH_KEY = generateKey();
const PASSWORD = 'first passphrase, long enough';
const NEW_PASSWORD = 'second passphrase, also long';

let table: TestTable;
let env: Record<string, string>;

beforeAll(async () => {
  table = await createTestTable({ prefix: 'cli' });
  // The same credentials and region as the test table's client: DynamoDB Local keeps tables per both.
  env = {
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: table.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
});

afterAll(async () => {
  await container?.stop();
  await table.cleanup();
});

/**
 * The built api-fn, one container kept running across calls, reading the user on every request
 * (SESSION_CACHE_SECONDS=0): what a revocation must reach.
 */
let container: LocalFunction | undefined;
function api(input: HttpEventInput) {
  container ??= startBundle(
    'api-fn',
    localFunctionEnv(table, { ALLOWED_SITES: 'example.com', AUTH_KEY, SESSION_CACHE_SECONDS: '0' }),
  );
  return invokeApi(container, input);
}

const signin = (username: string, password: string) =>
  api({ method: 'POST', path: '/api/auth/signin', body: { username, password } });

/** Signs in and returns the token; fails the test when sign-in does not answer 200. */
async function tokenOf(username: string, password: string): Promise<string> {
  const response = await signin(username, password);
  if (response.statusCode !== 200)
    throw new Error(`sign-in answered ${response.statusCode}: ${response.body}`);
  return (JSON.parse(response.body ?? '{}') as { token: string }).token;
}

/** The status of GET /api/sites with `token`. */
async function sitesStatus(token: string): Promise<number> {
  const response = await api({
    method: 'GET',
    path: '/api/sites',
    headers: { authorization: `Bearer ${token}` },
  });
  return response.statusCode;
}

describe('footfall user', () => {
  it('creates a user whose password signs in through the API, never printing the password', async () => {
    // Act
    const added = await runFootfall(['user', 'add', 'owner', '--password-stdin'], {
      stdin: `${PASSWORD}\n`,
      env,
    });
    const response = await signin('owner', PASSWORD);

    // Assess
    expect(added).toMatchObject({ code: 0, stdout: '' });
    expect(added.stderr).toContain('Created user owner');
    expect(added.stderr).not.toContain(PASSWORD);
    expect(response.statusCode).toBe(200);
  });

  it('refuses to add the same user twice', async () => {
    // Act
    const again = await runFootfall(['user', 'add', 'owner', '--password-stdin'], { stdin: PASSWORD, env });

    // Assess
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });

  it('changes a password: the new one signs in, the old one and its sessions no longer, the creation date stays', async () => {
    // Prepare
    const createdBefore = (await runFootfall(['user', 'list'], { env })).stdout;
    const session = await tokenOf('owner', PASSWORD);
    const before = await sitesStatus(session);

    // Act
    const changed = await runFootfall(['user', 'passwd', 'owner', '--password-stdin'], {
      stdin: NEW_PASSWORD,
      env,
    });
    const oldPassword = await signin('owner', PASSWORD);
    const newPassword = await signin('owner', NEW_PASSWORD);
    const createdAfter = (await runFootfall(['user', 'list'], { env })).stdout;

    // Assess
    expect(changed.code).toBe(0);
    expect([oldPassword.statusCode, newPassword.statusCode]).toEqual([401, 200]);
    expect(createdAfter).toBe(createdBefore);
    expect([before, await sitesStatus(session)]).toEqual([200, 401]);
  });

  it('signs a user out everywhere: old sessions end, the password still signs in', async () => {
    // Prepare
    const session = await tokenOf('owner', NEW_PASSWORD);
    const before = await sitesStatus(session);

    // Act
    const signedOut = await runFootfall(['user', 'signout', 'OWNER'], { env });
    const after = await sitesStatus(session);
    const fresh = await tokenOf('owner', NEW_PASSWORD);

    // Assess
    expect(signedOut.code).toBe(0);
    expect(signedOut.stderr).toContain('Signed owner out everywhere');
    expect([before, after, await sitesStatus(fresh)]).toEqual([200, 401, 200]);
  });

  it('refuses to sign out a user that does not exist', async () => {
    // Act
    const signedOut = await runFootfall(['user', 'signout', 'nobody'], { env });

    // Assess
    expect(signedOut.code).toBe(1);
    expect(signedOut.stderr).toContain('There is no user nobody');
  });

  it('refuses to change the password of a user that does not exist', async () => {
    // Act
    const changed = await runFootfall(['user', 'passwd', 'nobody', '--password-stdin'], {
      stdin: NEW_PASSWORD,
      env,
    });

    // Assess
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('There is no user nobody');
  });

  it('lists users, then removes one so that it can no longer sign in and its sessions end', async () => {
    // Prepare
    const session = await tokenOf('owner', NEW_PASSWORD);

    // Act
    const listed = await runFootfall(['user', 'list'], { env });
    const removed = await runFootfall(
      ['user', 'remove', 'owner', '--table', table.tableName, '--endpoint', table.endpoint],
      {
        env: { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
      },
    );
    const removedTwice = await runFootfall(['user', 'remove', 'owner'], { env });
    const response = await signin('owner', NEW_PASSWORD);

    // Assess
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^owner\t\d{4}-\d{2}-\d{2}T/);
    expect(removed.code).toBe(0);
    expect(removedTwice.code).toBe(1);
    expect(response.statusCode).toBe(401);
    expect(await sitesStatus(session)).toBe(401);
  });

  it('does not bring a removed user’s sessions back when the name is added again', async () => {
    // Prepare
    await runFootfall(['user', 'add', 'phoenix', '--password-stdin'], { stdin: PASSWORD, env });
    const session = await tokenOf('phoenix', PASSWORD);
    await runFootfall(['user', 'remove', 'phoenix'], { env });

    // Act
    const readded = await runFootfall(['user', 'add', 'phoenix', '--password-stdin'], {
      stdin: PASSWORD,
      env,
    });

    // Assess
    expect(readded.code).toBe(0);
    expect(await sitesStatus(session)).toBe(401);
  });

  it('treats Bob and bob as one user: stored as bob, a second spelling refused, any spelling signs in', async () => {
    // Act
    const added = await runFootfall(['user', 'add', 'Bob', '--password-stdin'], { stdin: PASSWORD, env });
    const again = await runFootfall(['user', 'add', 'bob', '--password-stdin'], { stdin: PASSWORD, env });
    const listed = await runFootfall(['user', 'list'], { env });
    const statuses = await Promise.all(
      ['bob', 'BOB', 'Bob'].map(async (n) => (await signin(n, PASSWORD)).statusCode),
    );

    // Assess
    expect(added.stderr).toContain('Created user bob');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(listed.stdout).toMatch(/^bob\t/m);
    expect(listed.stdout).not.toMatch(/^Bob\t/m);
    expect(statuses).toEqual([200, 200, 200]);
  });

  it('refuses weak passwords with a clear message and creates no user', async () => {
    // Act
    const results = [];
    for (const weak of ['aaaaaaaaaaaa', 'password1234', '            '])
      results.push(
        await runFootfall(['user', 'add', 'weakling', '--password-stdin'], { stdin: `${weak}\n`, env }),
      );
    const listed = await runFootfall(['user', 'list'], { env });

    // Assess
    expect(results.map((r) => r.code)).toEqual([1, 1, 1]);
    expect(results[0]?.stderr).toContain('too easy to guess');
    expect(results[1]?.stderr).toContain('common passwords');
    expect(results[2]?.stderr).toContain('only spaces');
    expect(listed.stdout).not.toContain('weakling');
  });
});

describe('footfall user migrate', () => {
  /** A user item as versions before case-insensitive usernames wrote it: the name as typed. */
  const putLegacy = (name: string) =>
    table.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: {
          Path: { S: `user#${name}` },
          Section: { S: 'user' },
          PasswordHash: { S: legacyHash },
          CreatedAt: { N: '1700000000000' },
        },
      }),
    );
  let legacyHash: string;

  beforeAll(async () => {
    const { hashPassword } = await import('@footfall/tokens');
    legacyHash = await hashPassword(PASSWORD);
  });

  it('moves users stored with capitals to their lower-case name, so they can sign in again', async () => {
    // Prepare
    await putLegacy('Carol');
    const listedBefore = await runFootfall(['user', 'list'], { env });
    const before = await signin('Carol', PASSWORD);

    // Act
    const migrated = await runFootfall(['user', 'migrate'], { env });
    const listedAfter = await runFootfall(['user', 'list'], { env });
    const after = await signin('Carol', PASSWORD);

    // Assess
    expect(listedBefore.stdout).toMatch(/^Carol\t.*needs `footfall user migrate`/m);
    expect(before.statusCode).toBe(401);
    expect(migrated.code).toBe(0);
    expect(migrated.stderr).toContain('Moved Carol to carol');
    expect(listedAfter.stdout).toMatch(/^carol\t\S+\tadmin$/m);
    expect(listedAfter.stdout).not.toContain('Carol');
    expect(after.statusCode).toBe(200);
  });

  it('leaves a user whose lower-case name is taken, and says so', async () => {
    // Prepare
    await putLegacy('Dave');
    await runFootfall(['user', 'add', 'dave', '--password-stdin'], { stdin: PASSWORD, env });

    // Act
    const migrated = await runFootfall(['user', 'migrate'], { env });
    const listed = await runFootfall(['user', 'list'], { env });

    // Assess
    expect(migrated.code).toBe(1);
    expect(migrated.stderr).toContain('Left Dave: user dave exists already');
    expect(listed.stdout).toMatch(/^Dave\t/m);
    expect(listed.stdout).toMatch(/^dave\t/m);
  });
});

describe('footfall export', () => {
  it('prints the same CSV as GET /api/stats/export', async () => {
    // Prepare
    const view = (path: string, day: number, unique: boolean) =>
      rawView({
        id: '00000000-0000-4000-8000-000000000000',
        path,
        time: Date.UTC(2026, 4, day, 9),
        unique,
        country: undefined,
        referrer: undefined,
        expiresAt: 0,
      });
    const delta = new ViewDelta();
    for (const v of [view('/a', 1, true), view('/b,c', 1, false), view('/a', 2, true)])
      delta.addChange(undefined, v);
    const written = await aggregate({ dynamodb: table.client, tableName: table.tableName }, delta);
    expect(written.status).toBe('applied');
    const exporter = testUser('exporter');
    await replaceUser({ dynamodb: table.client, tableName: table.tableName }, exporter);
    const token = await sessionToken(exporter, AUTH_KEY);

    // Act
    const cli = await runFootfall(
      ['export', '--site', 'example.com', '--from', '2026-05-01', '--to', '2026-05-03'],
      { env },
    );
    const http = await api({
      method: 'GET',
      path: '/api/stats/export',
      query: { site: 'example.com', from: '2026-05-01', to: '2026-05-03' },
      headers: { authorization: `Bearer ${token}` },
    });

    // Assess
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(
      'date,path,views,visitors\n2026-05-01,/a,1,1\n2026-05-01,"/b,c",1,0\n2026-05-02,/a,1,1\n',
    );
    expect(cli.stdout).toBe(http.body);
  });
});
