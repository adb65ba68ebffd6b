// Public face of @footfall/store: the one data-access layer over core-model.
export { type AggregateOptions, aggregate } from './aggregates/aggregate';
export {
  type AggregateOutcome,
  type AggregateStats,
  type AggregateWriteContext,
  applyViewDelta,
  type PoisonRecord,
  type SetAside,
} from './aggregates/applyViewDelta';
export { type RouteResult, routeValue, type ValueGroup } from './aggregates/routeValue';
export { type KnowledgeOptions, type NodeState, TrieKnowledge } from './aggregates/TrieKnowledge';
export type { LedgerStats, Unreverted } from './aggregates/WriteLedger';
export {
  describeError,
  isConditionalCheckFailed,
  isPermanentAwsError,
  isTransientAwsError,
} from './awsErrors';
export { type DeadLetterList, listDeadLetters, type ReplayResult, replayDeadLetter } from './deadLetters';
export { AggregateWriteError, StoreError } from './errors';
export { recordEvent } from './events';
export { getItem, type ReadItem } from './getItem';
export { addGoal, type GoalAdded, type GoalList, listGoals, removeGoal } from './goals';
export { type ImportDayInput, type ImportDayOutcome, importDay } from './imports/importDay';
export {
  type ClaimResult,
  claimImportDay,
  finishImportDay,
  readImportMarkers,
  releaseImportDay,
} from './imports/importMarkers';
export { queryPartition } from './queryPartition';
export {
  type BreakdownOptions,
  buildBreakdown,
  buildEventBreakdown,
  compareRows,
  type DayCounts,
  type EventBreakdownOptions,
  readDayCounts,
  trieDayCounts,
} from './reports/breakdown';
export {
  csvField,
  EXPORT_COLUMNS,
  type ExportRow,
  exportRows,
  exportSiteCsv,
  type SiteExport,
  toCsv,
} from './reports/exportCsv';
export { getItems } from './reports/getItems';
export {
  conversionRate,
  GOAL_EXPORT_COLUMNS,
  type GoalCounts,
  type GoalDays,
  type GoalHours,
  goalRows,
  goalsCsv,
  readGoalDays,
  readGoalHours,
} from './reports/goals';
export { type NewestCount, readNewestCount } from './reports/newestCount';
export { type QueriedItems, queryItems } from './reports/queryItems';
export { readRealtime } from './reports/realtime';
export {
  average,
  buildTimeseries,
  type HourlyCounters,
  readHours,
  readPageHours,
  readSiteHours,
  readValueHours,
  type TimeseriesInput,
} from './reports/timeseries';
export { runBounded } from './runBounded';
export { scanItems } from './scanItems';
export { createShare, deleteShare, listShares, readShare } from './shares';
export {
  clearSigninThrottle,
  type Reservation,
  type ReservationOutcome,
  reserveSigninAttempt,
} from './signinThrottle';
export { addSite, listSites, removeSite, type SiteListRead, seedSites } from './sites';
export type { Table } from './table';
export {
  addUser,
  changePassword,
  listUsers,
  moveUser,
  readUser,
  removeUser,
  replaceUser,
  type StoredUser,
  setUserAccess,
  signOutUser,
  type UserList,
  type UserRead,
  upgradePasswordHash,
} from './users';
export {
  type EngagementOutcome,
  type EngagementReport,
  recordEngagement,
  recordPageview,
} from './views';
