// Public face of @footfall/legacy-ports: the original system's code, ported for compatibility tests.
export {
  type BrowserData,
  type DashboardFetch,
  type MonthView,
  type OldDashboardClient,
  oldDashboardClient,
  type PageCount,
  reportTotals,
  type WeekView,
} from './dashboardClient';
export {
  APPEND_PATH,
  appendRequest,
  BEACON_CONTENT_TYPE,
  cleanReferrer,
  type EmbedPage,
  type EmbedRequest,
  EmbedView,
  MAX_DURATION,
  PIXEL_PATH,
  pixelRequest,
  scrollPosition,
  uuidv4,
} from './embed';
export { type OriginalRequest, originalAnswer } from './originalApi';
export {
  appendUpdates,
  buildOriginalTable,
  type OriginalItem,
  type OriginalVisit,
  originalBrowserName,
  pixelItem,
  rfc3339,
  triggerUpdates,
} from './originalTable';
export {
  AGREEING_USER_AGENTS,
  BOT_USER_AGENT,
  embedRequestsOf,
  legacyWorkload,
  type WorkloadOptions,
} from './workload';
