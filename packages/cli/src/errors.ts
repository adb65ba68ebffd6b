// Errors of the CLI: one base class carrying the exit code; the message is what the user reads.
import { FootfallError } from '@footfall/kernel';

/** A failure to report to the user in words, with the process exit code to use. */
export class CliError extends FootfallError {
  constructor(
    message: string,
    readonly exitCode = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** The command line itself is wrong (exit code 2, usage printed). */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

/** The command has already printed what is wrong (`status`'s verdict): exit with the code, print nothing more. */
export class ReportedFailure extends CliError {
  constructor(message: string, exitCode = 1) {
    super(message, exitCode);
    this.name = 'ReportedFailure';
  }
}
