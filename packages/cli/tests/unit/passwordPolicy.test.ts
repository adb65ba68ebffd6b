// The password policy of `user add` and `user passwd`: at least 12 characters, not blank, not a common
// password, not easy to guess; each refusal says why in words and never repeats the password.
import { checkPasswordPolicy, MIN_PASSWORD_LENGTH } from '../../src/passwordPolicy';
import { runCli } from '../../src/runCli';
import { fakeIo } from '../helpers/fakeIo';

jest.setTimeout(30_000);

describe('checkPasswordPolicy', () => {
  it.each([
    ['eleven characters', 'k3Vq9-mPz2!', 'at least 12 characters'],
    ['twelve spaces', ' '.repeat(12), 'only spaces'],
    ['tabs and a line break', '\t\t\t\t\t\t\n\t\t\t\t\t', 'only spaces'],
    ['a common password', 'password1234', 'list of common passwords'],
    ['a common password in capitals', 'PASSWORD1234', 'list of common passwords'],
    ['one character repeated', 'aaaaaaaaaaaa', 'too easy to guess (Repeated characters'],
    ['a sequence', 'abcdefghijklmn', 'too easy to guess'],
    ['a common word with digits', 'iloveyou1234', 'too easy to guess'],
    ['the username and a little more', 'margaret.whitfield1', 'too easy to guess'],
  ])('refuses %s', async (_, password, reason) => {
    // Act
    const verdict = await checkPasswordPolicy(password, ['margaret.whitfield']);

    // Assess
    expect(verdict.ok).toBe(false);
    const message = verdict.ok ? '' : verdict.error;
    expect(message).toContain(reason);
    if (password.trim() !== '') expect(message).not.toContain(password);
  });

  it.each([
    ['a passphrase', 'velvet quarry lantern 42'],
    ['a random string of 12', 'k3Vq9-mPz2!x'],
    ['twelve characters with spaces inside', 'tz 9Lq 0pW x'],
  ])('accepts %s', async (_, password) => {
    // Act
    const verdict = await checkPasswordPolicy(password);

    // Assess
    expect(verdict).toEqual({ ok: true, value: undefined });
  });

  it('counts characters, not bytes or UTF-16 units', async () => {
    // Prepare: eleven emoji are 22 UTF-16 units and 44 bytes, but eleven characters.
    const eleven = '🦊🌲🚲🎻🧭🪁🍋🦉🧩🐙🌵';

    // Act
    const verdict = await checkPasswordPolicy(eleven);

    // Assess
    expect([...eleven]).toHaveLength(MIN_PASSWORD_LENGTH - 1);
    expect(eleven.length).toBeGreaterThan(MIN_PASSWORD_LENGTH);
    expect(!verdict.ok && verdict.error).toContain('at least 12 characters');
  });
});

describe('footfall user add with a weak password', () => {
  it.each([
    ['aaaaaaaaaaaa', 'too easy to guess'],
    ['password1234', 'common passwords'],
    ['            ', 'only spaces'],
  ])('refuses %j with a clear message and exit code 1, writing nothing', async (password, reason) => {
    // Prepare: no table is reachable, so a write would fail with another message.
    const { io, out } = fakeIo(`${password}\n`, {
      TABLE_NAME: 'footfall',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
    });

    // Act
    const code = await runCli(['user', 'add', 'alice', '--password-stdin'], io);

    // Assess
    expect(code).toBe(1);
    expect(out.stderr).toContain(reason);
    expect(out.stderr).toMatch(/^footfall: /);
    expect(out.stdout).toBe('');
  });
});
