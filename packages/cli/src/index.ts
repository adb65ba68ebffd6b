// Public face of @footfall/cli: the admin command line, callable in-process.
export { type CliOptions, type ParsedArgs, parseCliArgs, USAGE } from './args';
export { createTarget, type Target } from './client';
export {
  type ImportTargets,
  importLegacy,
  type LegacyAggregateWriter,
  type LegacyWriteReport,
} from './commands/importLegacy';
export { CliError, ReportedFailure, UsageError } from './errors';
export { type CliIo, processIo } from './io';
export { DAY_ONLY_HOUR, type LeftOut, type LegacyDayDelta, legacyDayDelta } from './legacy/legacyDelta';
export {
  type LegacyDay,
  type LegacyDaySource,
  LegacyFold,
  type LegacyImport,
  type LegacyPageDay,
  type LegacySkipped,
} from './legacy/legacyImport';
export {
  decodeOriginalItem,
  describeKey,
  type LegacyCounts,
  type OriginalRecord,
  parseOriginalTime,
} from './legacy/originalItems';
export { readOriginalTable } from './legacy/readOriginalTable';
export { formatLegacySummary } from './legacy/summary';
export {
  type DayResult,
  type DayResultKind,
  type LegacyWriteOptions,
  legacyAggregateWriter,
  needsAttention,
  writeLegacyImport,
} from './legacy/writeLegacyImport';
export { formatLegacyWriteReport, importProblems } from './legacy/writeSummary';
export { checkPasswordPolicy, MIN_PASSWORD_LENGTH, MIN_STRENGTH_SCORE } from './passwordPolicy';
export { readNewPassword, readPasswordFromStdin } from './readPassword';
export { runCli } from './runCli';
export {
  awsClients,
  describeStack,
  readStatus,
  reasonDatapoint,
  type StackInfo,
  type StatusAws,
  type StatusTargets,
} from './status/readStatus';
export {
  behindBy,
  DEFAULT_BEHIND_SECONDS,
  duration,
  formatStatus,
  type NotRead,
  type StatusReport,
  statusVerdict,
  type Verdict,
} from './status/verdict';
