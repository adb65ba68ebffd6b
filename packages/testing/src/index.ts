// Public face of @footfall/testing: what tests (and the benchmark) share. Never imported by a Lambda's source.
export { awsError, conditionFailed, networkError, serverError, throttled, timedOut } from './awsErrors';
export { type BeaconRequest, type IngestWrites, ingestBeaconRequests } from './beaconIngest';
export {
  type BundleName,
  type BundleResponse,
  invokeApi,
  invokeTrigger,
  type LocalFunction,
  localFunctionEnv,
  startBundle,
} from './bundles';
export { CHROMIUM_ARGS, DESKTOP_CHROME_UA, launchChromium } from './chromium';
export { type HttpEventInput, httpEvent } from './httpEvent';
export { lambdaContext } from './lambdaContext';
export {
  allItems,
  INTEGRATION_TIMEOUT_MS,
  readStreamRecords,
  storedEvents,
  storedViews,
  type TestTableRef,
} from './localTable';
export { type DynamoMock, mockedDynamo } from './mockedDynamo';
export { hashedChance, pick, seededRandom } from './random';
export { rawEvent } from './rawEvent';
export { engaged, nextViewId, rawView, VIEW_TIME } from './rawView';
export {
  BOT_UA,
  CHROME_UA,
  customEvent,
  DASHBOARD_ORIGIN,
  engagement,
  IPHONE_UA,
  OTHER_SITE,
  pageview,
  SITE,
  VIEW_ID,
} from './requests';
export { sessionToken, TEST_USER_CREATED_AT, testUser, UNUSABLE_PASSWORD_HASH } from './sessions';
export {
  eventInsert,
  image,
  insert,
  keyImage,
  modify,
  nextSequence,
  pendingImage,
  rawRecord,
  remove,
  type StreamImage,
  streamEvent,
  streamRecord,
  TEST_STREAM_ARN,
} from './streamRecords';
