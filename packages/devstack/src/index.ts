// Public face of @footfall/devstack: the `pnpm dev` stack, startable in-process by tests.
export { toApiEvent } from './apiEvent';
export { toHttpResponse } from './apiResponse';
export { READY_LINE, statusCommand } from './banner';
export { type BatchPolicy, processBatch } from './batchProcessor';
export { CheckpointStore } from './checkpointStore';
export { DEFAULTS, type DevConfig, loadDevConfig } from './config';
export { beaconSnippet, type DemoSite, eventsBeaconSnippet, startDemoSite } from './demoSite';
export { DevConfigError, DevstackError, DevTemplateError } from './errors';
export { IteratorAgeSeries, type LagDatapoint } from './iteratorAge';
export { type LocalAws, type LocalAwsOptions, startLocalAws } from './localAws';
export { type LocalHttpApi, type LocalHttpApiOptions, startLocalHttpApi } from './localHttpApi';
export { RouteTable } from './routeTable';
export {
  LAG_ALARM_SECONDS,
  LAG_WARNING_SECONDS,
  type Stack,
  type StackOptions,
  startStack,
} from './startStack';
export {
  type FailureReport,
  type PollerSettings,
  StreamPoller,
  type StreamPollerOptions,
} from './streamPoller';
export { type DevTemplate, readDevTemplate, type TemplateFunction, type TemplateRoute } from './template';
