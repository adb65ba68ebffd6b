// Dispatches a command line to its command and turns every failure into a message and an exit code.
import { parseCliArgs, USAGE } from './args';
import { createTarget } from './client';
import { exportCsv } from './commands/export';
import { importLegacy } from './commands/importLegacy';
import { keyGenerate } from './commands/key';
import { userAdd, userList, userPasswd, userRemove } from './commands/user';
import { CliError, UsageError } from './errors';
import type { CliIo } from './io';

async function dispatch(argv: readonly string[], io: CliIo): Promise<void> {
  const { positionals, options } = parseCliArgs(argv);
  const [command, sub, name, ...rest] = positionals;
  if (options.help || command === undefined || command === 'help') {
    io.stderr.write(USAGE);
    return;
  }
  if (command === 'key') {
    if (sub !== 'generate' || name !== undefined)
      throw new UsageError('Did you mean `footfall key generate`?');
    keyGenerate(io);
    return;
  }
  if (command === 'export') {
    if (sub !== undefined) throw new UsageError(`Unexpected argument ${sub}.`);
    await exportCsv(createTarget(options, io.env), io, options);
    return;
  }
  if (command === 'import') {
    if (sub !== 'legacy' || name !== undefined)
      throw new UsageError('Did you mean `footfall import legacy --from-table NAME --dry-run`?');
    const fromTable = options.fromTable;
    if (!fromTable) throw new UsageError('Name the original table with --from-table.');
    const source = createTarget({ ...options, table: fromTable }, io.env);
    // The write half arrives with the new aggregate layout; until then only --dry-run runs.
    await importLegacy({ source, footfall: () => createTarget(options, io.env) }, io, options, undefined);
    return;
  }
  if (command === 'user') {
    if (rest.length > 0) throw new UsageError(`Unexpected argument ${rest[0]}.`);
    switch (sub) {
      case 'add':
        return userAdd(createTarget(options, io.env), io, name, options.passwordStdin);
      case 'passwd':
        return userPasswd(createTarget(options, io.env), io, name, options.passwordStdin);
      case 'remove':
        return userRemove(createTarget(options, io.env), io, name);
      case 'list':
        if (name !== undefined) throw new UsageError(`Unexpected argument ${name}.`);
        return userList(createTarget(options, io.env), io);
    }
    throw new UsageError('Use `footfall user add|passwd|remove|list`.');
  }
  throw new UsageError(`Unknown command ${command}.`);
}

/**
 * Runs the CLI and returns its exit code: 0 done, 1 failed, 2 bad command line, 130 cancelled.
 * @example process.exitCode = await runCli(process.argv.slice(2), processIo());
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await dispatch(argv, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`footfall: ${error.message}\n\n${USAGE}`);
      return error.exitCode;
    }
    if (error instanceof CliError) {
      io.stderr.write(`footfall: ${error.message}\n`);
      return error.exitCode;
    }
    // AWS errors (no table, no credentials, throttling): their name and message, never a password.
    const e = error instanceof Error ? error : new Error(String(error));
    io.stderr.write(`footfall: ${e.name}: ${e.message}\n`);
    return 1;
  }
}
