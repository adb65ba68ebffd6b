// Public face of @footfall/cli: the admin command line, callable in-process.
export { type CliOptions, type ParsedArgs, parseCliArgs, USAGE } from './args';
export { createTarget, type Target } from './client';
export { CliError, UsageError } from './errors';
export { type CliIo, processIo } from './io';
export { checkPasswordPolicy, MIN_PASSWORD_LENGTH, MIN_STRENGTH_SCORE } from './passwordPolicy';
export { readNewPassword, readPasswordFromStdin } from './readPassword';
export { runCli } from './runCli';
