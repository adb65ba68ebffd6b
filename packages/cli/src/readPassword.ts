// Reading a password without echoing or logging it: from a pipe (--password-stdin) or a terminal prompt.

import { CliError } from './errors';
import type { CliIo } from './io';
import { checkPasswordPolicy } from './passwordPolicy';

/** Longest password sign-in accepts (core-model's signin schema). */
export const MAX_PASSWORD_LENGTH = 1024;

/** Reads all of stdin and drops one trailing line break (what `echo pw |` and here-strings add). */
export async function readPasswordFromStdin(stdin: CliIo['stdin']): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    if (chunks.reduce((n, c) => n + c.length, 0) > MAX_PASSWORD_LENGTH * 4) break;
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Prompts on the terminal with echo off; Ctrl-C aborts. */
export function promptHidden(io: CliIo, prompt: string): Promise<string> {
  const { stdin } = io;
  if (!stdin.isTTY || !stdin.setRawMode)
    return Promise.reject(new CliError('No terminal to ask for a password on; use --password-stdin.'));
  const setRawMode = stdin.setRawMode.bind(stdin);
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      setRawMode(false);
      stdin.pause();
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: Buffer | string) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new CliError('Cancelled.', 130));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/**
 * Gets a new password: from stdin when `fromStdin`, else asked twice on the terminal. Refuses one that breaks
 * the password policy (`checkPasswordPolicy`; `userInputs`, such as the username, count as guessable).
 * @example const password = await readNewPassword(io, options.passwordStdin, [username]);
 */
export async function readNewPassword(
  io: CliIo,
  fromStdin: boolean,
  userInputs: readonly string[] = [],
): Promise<string> {
  let password: string;
  if (fromStdin) password = await readPasswordFromStdin(io.stdin);
  else {
    password = await promptHidden(io, 'Password: ');
    const again = await promptHidden(io, 'Repeat password: ');
    if (again !== password) throw new CliError('The passwords do not match.');
  }
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new CliError(`A password may have at most ${MAX_PASSWORD_LENGTH} characters.`);
  const verdict = await checkPasswordPolicy(password, userInputs);
  if (!verdict.ok) throw new CliError(verdict.error);
  return password;
}
