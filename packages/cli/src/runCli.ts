// Dispatches a command line to its command and turns every failure into a message and an exit code.
import { parseCliArgs, USAGE } from './args';
import { createSsmClient, createTarget } from './client';
import { deadLettersList, deadLettersReplay } from './commands/deadLetters';
import { exportCsv } from './commands/export';
import { goalAdd, goalList, goalRemove } from './commands/goal';
import { importLegacy } from './commands/importLegacy';
import { keyGenerate, keyRotate } from './commands/key';
import { siteAdd, siteList, siteRemove } from './commands/site';
import { status } from './commands/status';
import {
  userAdd,
  userGrant,
  userList,
  userMigrate,
  userPasswd,
  userRemove,
  userRevoke,
  userSignout,
} from './commands/user';
import { CliError, ReportedFailure, UsageError } from './errors';
import type { CliIo } from './io';
import { legacyAggregateWriter } from './legacy/writeLegacyImport';

/** The parameter `docs/deploy.md` creates, and the template's default AuthKeyParameterName. */
const DEFAULT_KEY_PARAMETER = '/footfall/auth-key';
/** The template's default TokenTtlSeconds (12 h). */
const DEFAULT_TOKEN_TTL_SECONDS = '43200';

async function dispatch(argv: readonly string[], io: CliIo): Promise<void> {
  const { positionals, options } = parseCliArgs(argv);
  const [command, sub, name, ...rest] = positionals;
  if (options.help || command === undefined || command === 'help') {
    io.stderr.write(USAGE);
    return;
  }
  if (command === 'key') {
    if (name !== undefined) throw new UsageError(`Unexpected argument ${name}.`);
    if (sub === 'generate') return keyGenerate(io);
    if (sub === 'rotate') {
      const ttl = options.tokenTtl ?? DEFAULT_TOKEN_TTL_SECONDS;
      if (!/^\d{1,9}$/.test(ttl) || Number(ttl) <= 0)
        throw new UsageError("--token-ttl is the deployment's TokenTtlSeconds, a whole number of seconds.");
      const ssm = await createSsmClient(options);
      try {
        await keyRotate(ssm, io, {
          parameter: options.parameter ?? (io.env.AUTH_KEY_PARAMETER || DEFAULT_KEY_PARAMETER),
          tokenTtlSeconds: Number(ttl),
          force: options.force,
          now: Date.now(),
        });
      } finally {
        ssm.destroy();
      }
      return;
    }
    throw new UsageError('Use `footfall key generate|rotate`.');
  }
  if (command === 'export') {
    if (sub !== undefined) throw new UsageError(`Unexpected argument ${sub}.`);
    await exportCsv(createTarget(options, io.env), io, options);
    return;
  }
  if (command === 'status') {
    if (sub !== undefined) throw new UsageError(`Unexpected argument ${sub}.`);
    return status(options, io);
  }
  if (command === 'goal') {
    if (sub === 'add') {
      if (rest.length > 1) throw new UsageError(`Unexpected argument ${rest[1]}.`);
      return goalAdd(createTarget(options, io.env), io, options, name, rest[0]);
    }
    if (rest.length > 0) throw new UsageError(`Unexpected argument ${rest[0]}.`);
    if (sub === 'remove') return goalRemove(createTarget(options, io.env), io, options, name);
    if (sub === 'list' && name === undefined) return goalList(createTarget(options, io.env), io, options);
    throw new UsageError('Use `footfall goal add|remove|list --site S`.');
  }
  if (command === 'dead-letters') {
    if (rest.length > 0) throw new UsageError(`Unexpected argument ${rest[0]}.`);
    if (sub === 'list' && name === undefined) return deadLettersList(createTarget(options, io.env), io);
    if (sub === 'replay') return deadLettersReplay(createTarget(options, io.env), io, name);
    throw new UsageError('Use `footfall dead-letters list` or `footfall dead-letters replay [ID]`.');
  }
  if (command === 'import') {
    if (sub !== 'legacy' || name !== undefined)
      throw new UsageError(
        'Did you mean `footfall import legacy --from-table NAME --site HOST [--dry-run]`?',
      );
    const fromTable = options.fromTable;
    if (!fromTable) throw new UsageError('Name the original table with --from-table.');
    const source = createTarget({ ...options, table: fromTable }, io.env);
    await importLegacy(
      { source, footfall: () => createTarget(options, io.env) },
      io,
      options,
      legacyAggregateWriter(),
    );
    return;
  }
  if (command === 'user') {
    if (rest.length > 0) throw new UsageError(`Unexpected argument ${rest[0]}.`);
    switch (sub) {
      case 'add':
        return userAdd(createTarget(options, io.env), io, name, options.passwordStdin, options);
      case 'grant':
        return userGrant(createTarget(options, io.env), io, name, options);
      case 'revoke':
        return userRevoke(createTarget(options, io.env), io, name, options);
      case 'passwd':
        return userPasswd(createTarget(options, io.env), io, name, options.passwordStdin);
      case 'signout':
        return userSignout(createTarget(options, io.env), io, name);
      case 'remove':
        return userRemove(createTarget(options, io.env), io, name);
      case 'list':
        if (name !== undefined) throw new UsageError(`Unexpected argument ${name}.`);
        return userList(createTarget(options, io.env), io);
      case 'migrate':
        if (name !== undefined) throw new UsageError(`Unexpected argument ${name}.`);
        return userMigrate(createTarget(options, io.env), io);
    }
    throw new UsageError('Use `footfall user add|grant|revoke|passwd|signout|remove|list|migrate`.');
  }
  if (command === 'site') {
    if (rest.length > 0) throw new UsageError(`Unexpected argument ${rest[0]}.`);
    if (sub === 'add') return siteAdd(createTarget(options, io.env), io, name);
    if (sub === 'remove') return siteRemove(createTarget(options, io.env), io, name);
    if (sub === 'list' && name === undefined) return siteList(createTarget(options, io.env), io);
    throw new UsageError('Use `footfall site add|remove <host>` or `footfall site list`.');
  }
  throw new UsageError(`Unknown command ${command}.`);
}

/**
 * Runs the CLI and returns its exit code: 0 done, 1 failed (or `status` found counting unhealthy), 2 bad command
 * line, 130 cancelled.
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
    if (error instanceof ReportedFailure) return error.exitCode;
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
