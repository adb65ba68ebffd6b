// Public face of @footfall/stream-trigger-fn: the Lambda handler and the parts tests and tools build on.
export { dynamodbClientConfig, readConfig, type StreamConfig } from './config';
export {
  createStreamHandler,
  retryWholeBatch,
  type StreamHandler,
  type StreamHandlerOptions,
} from './createStreamHandler';
export { ConfigError, StreamTriggerError } from './errors';
export { jsonLogger, LOG_LEVELS, type LogFields, type Logger, type LogLevel, parseLogLevel } from './log';
export { type BatchStatus, type InvocationMetrics, metricsFields, SERVICE } from './metrics';
