// Public face of @footfall/kernel: Result, the base error class, environment parsing, the structured logger.
export {
  type Env,
  envEndpoint,
  envList,
  envLogLevel,
  envTableName,
  envText,
  envWholeNumber,
  TABLE_NAME_PATTERN,
  type WholeNumberRule,
} from './env';
export { EnvError, FootfallError } from './errors';
export {
  createLogger,
  errorFields,
  jsonLine,
  LOG_LEVELS,
  type LogEntry,
  type LogFields,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  type LogSink,
  parseLogLevel,
  readLogLevel,
} from './logger';
export { err, ok, type Result } from './result';
