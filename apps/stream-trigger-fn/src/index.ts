// Public face of @footfall/stream-trigger-fn: the Lambda handler and the parts its tests build on. Nothing imports
// an app: tools and other packages' tests run the built bundle.
export { dynamodbClientConfig, readConfig, type StreamConfig } from './config';
export {
  createStreamHandler,
  retryWholeBatch,
  type StreamHandler,
  type StreamHandlerOptions,
} from './createStreamHandler';
export { type BatchStatus, type InvocationMetrics, metricsFields, SERVICE } from './metrics';
