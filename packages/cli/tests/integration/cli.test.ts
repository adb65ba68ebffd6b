// The real `footfall` command against DynamoDB Local: a user it creates signs in through the API handler,
// and its CSV export is the API's.

import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { createApiHandler } from '@footfall/api-fn';
import { httpEvent } from '@footfall/api-fn/testing';
import { counterUpdates, DeltaSet, type RawView } from '@footfall/core-model';
import { createTestTable, type TestTable } from '@footfall/dynamodb-local';
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
  await table.cleanup();
});

function api() {
  return createApiHandler({
    config: {
      tableName: table.tableName,
      allowedSites: ['example.com'],
      allowedOrigins: [],
      authKey: { kind: 'value', value: AUTH_KEY },
      tokenTtlSeconds: 3600,
      retentionDays: 30,
      logLevel: 'error',
    },
    dynamodb: table.client,
    logSink: () => undefined,
  });
}

const signin = (username: string, password: string) =>
  api()(httpEvent({ method: 'POST', path: '/api/auth/signin', body: { username, password } }));

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

  it('changes a password: the new one signs in, the old one no longer, the creation date stays', async () => {
    // Prepare
    const createdBefore = (await runFootfall(['user', 'list'], { env })).stdout;

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

  it('lists users, then removes one so that it can no longer sign in', async () => {
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
  });
});

describe('footfall export', () => {
  it('prints the same CSV as GET /api/stats/export', async () => {
    // Prepare
    const view = (path: string, day: number, unique: boolean): RawView => ({
      id: '00000000-0000-4000-8000-000000000000',
      site: 'example.com',
      path,
      time: Date.UTC(2026, 4, day, 9),
      unique,
      bot: false,
      browser: 'Firefox',
      os: 'Linux',
      device: 'desktop',
      expiresAt: 0,
    });
    const deltas = new DeltaSet();
    for (const v of [view('/a', 1, true), view('/b,c', 1, false), view('/a', 2, true)])
      deltas.addChange(undefined, v);
    for (const e of deltas.entries())
      for (const input of counterUpdates(table.tableName, e.key, e.adds))
        await table.client.send(new UpdateItemCommand(input));
    const { issueToken, parseKey } = await import('@footfall/tokens');
    const key = parseKey(AUTH_KEY);
    if (!key.ok) throw key.error;
    const token = issueToken({ sub: 'owner' }, { key: key.value, ttlSeconds: 60 });

    // Act
    const cli = await runFootfall(
      ['export', '--site', 'example.com', '--from', '2026-05-01', '--to', '2026-05-03'],
      { env },
    );
    const http = await api()(
      httpEvent({
        method: 'GET',
        path: '/api/stats/export',
        query: { site: 'example.com', from: '2026-05-01', to: '2026-05-03' },
        headers: { authorization: `Bearer ${token}` },
      }),
    );

    // Assess
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(
      'date,path,views,visitors\n2026-05-01,/a,1,1\n2026-05-01,"/b,c",1,0\n2026-05-02,/a,1,1\n',
    );
    expect(cli.stdout).toBe(http.body);
  });
});
