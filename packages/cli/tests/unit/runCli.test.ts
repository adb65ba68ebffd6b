// The command line in-process: parsing, usage errors and exit codes, key generation, password input rules.
import { parseKey } from '@footfall/tokens';
import { parseCliArgs } from '../../src/args';
import { createTarget } from '../../src/client';
import { readNewPassword, readPasswordFromStdin } from '../../src/readPassword';
import { runCli } from '../../src/runCli';
import { fakeIo } from '../helpers/fakeIo';

describe('parseCliArgs', () => {
  it('reads command words and options', () => {
    // Act
    const parsed = parseCliArgs([
      'user',
      'add',
      'alice',
      '--password-stdin',
      '--table',
      't',
      '--endpoint',
      'http://x',
    ]);

    // Assess
    expect(parsed.positionals).toEqual(['user', 'add', 'alice']);
    expect(parsed.options).toMatchObject({ passwordStdin: true, table: 't', endpoint: 'http://x' });
  });
});

describe('runCli', () => {
  it('prints a key that parses as a Fernet key on stdout, advice on stderr', async () => {
    // Prepare
    const { io, out } = fakeIo();

    // Act
    const code = await runCli(['key', 'generate'], io);

    // Assess
    expect(code).toBe(0);
    expect(parseKey(out.stdout.trim()).ok).toBe(true);
    expect(out.stderr).toContain('SecureString');
  });

  it.each([
    [['frobnicate'], 'Unknown command'],
    [['user', 'add', '--table', 't'], 'Name the user'],
    [['user', 'add', 'bad name!', '--table', 't'], 'username'],
    [['user', 'delete', 'x'], 'user add|grant|revoke|passwd|signout|remove|list|migrate'],
    [['site', 'rename', 'x'], 'site add|remove <host>'],
    [['site', 'add', '--table', 't'], 'Name the site'],
    [['site', 'add', 'not a host', '--table', 't'], 'not a host name'],
    [['user', 'add', 'x', '--role', 'owner', '--table', 't'], '--role is admin or viewer'],
    [['user', 'grant', 'x', '--table', 't'], 'Give --role and/or --sites'],
    [['user', 'revoke', 'x', '--table', 't'], 'Name the sites to revoke'],
    [['user', 'signout', '--table', 't'], 'Name the user'],
    [['key', 'rotate', '--token-ttl', '12h'], '--token-ttl'],
    [['key', 'spin'], 'key generate|rotate'],
    [
      ['export', '--table', 't', '--site', 'example.com', '--from', '2026-02-30', '--to', '2026-03-01'],
      'calendar date',
    ],
    [['export', '--table', 't', '--from', '2026-03-01', '--to', '2026-03-01'], '--site'],
    [['import', 'legacy', '--from-table', 'old', '--table', 't'], '--site'],
    [
      [
        'import',
        'legacy',
        '--from-table',
        'old',
        '--site',
        'example.com',
        '--table',
        't',
        '--to',
        '2022-02-30',
      ],
      '--to: 2022-02-30 is not a calendar date',
    ],
    [
      [
        'import',
        'legacy',
        '--from-table',
        'old',
        '--site',
        'a.b',
        '--dry-run',
        '--from',
        '2022-03-02',
        '--to',
        '2022-03-01',
      ],
      '--from is after --to',
    ],
    [['user', 'list', '--colour'], "Unknown option '--colour'"],
    [['user', 'list'], 'TABLE_NAME'],
  ])('exits 2 with usage for %j', async (argv, message) => {
    // Prepare
    const { io, out } = fakeIo();

    // Act
    const code = await runCli(argv, io);

    // Assess
    expect(code).toBe(2);
    expect(out.stderr).toContain(message);
    expect(out.stderr).toContain('Usage: footfall');
  });

  it('prints usage for --help and exits 0', async () => {
    // Prepare
    const { io, out } = fakeIo();

    // Act
    const code = await runCli(['--help'], io);

    // Assess
    expect(code).toBe(0);
    expect(out.stderr).toContain('user add <name>');
  });
});

describe('password input', () => {
  it('drops one trailing line break from stdin, keeping inner spaces', async () => {
    // Prepare
    const { io } = fakeIo(' two words  \n');

    // Act
    const password = await readPasswordFromStdin(io.stdin);

    // Assess
    expect(password).toBe(' two words  ');
  });

  it('refuses a password the policy refuses, before anything is written', async () => {
    // Prepare
    const { io } = fakeIo('short\n');

    // Act & Assess
    await expect(readNewPassword(io, true)).rejects.toThrow('at least 12 characters');
  });

  it('hands back a password the policy accepts', async () => {
    // Prepare
    const { io } = fakeIo('velvet quarry lantern 42\n');

    // Act & Assess
    await expect(readNewPassword(io, true, ['alice'])).resolves.toBe('velvet quarry lantern 42');
  });

  it('refuses to prompt without a terminal', async () => {
    // Prepare
    const { io } = fakeIo('');

    // Act & Assess
    await expect(readNewPassword(io, false)).rejects.toThrow('--password-stdin');
  });
});

describe('createTarget', () => {
  it('uses DynamoDB Local settings for a loopback endpoint without AWS credentials', async () => {
    // Act
    const target = createTarget(
      { passwordStdin: false, force: false, dryRun: false, help: false, endpoint: 'http://127.0.0.1:8000' },
      { TABLE_NAME: 'footfall' },
    );

    // Assess
    expect(target.tableName).toBe('footfall');
    expect(await target.dynamodb.config.region()).toBe('us-east-1');
    target.dynamodb.destroy();
  });
});
