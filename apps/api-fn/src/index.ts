// Public face of @footfall/api-fn: the Lambda handler, its factory and config, and the pure report functions.
export { type ApiConfig, type AuthKeySource, type ConfigResult, loadConfig } from './config';
export { type ApiHandler, type ApiHandlerOptions, createApiHandler } from './createApiHandler';
export { enrichPageview } from './enrich';
export { ApiError, ConfigError, ServiceUnavailableError } from './errors';
export { handler } from './handler';
export type { HttpResponse } from './http';
export type { LogLevel, LogSink } from './logger';
export { type BreakdownOptions, buildBreakdown, compareRows } from './reports/breakdown';
export {
  csvField,
  daysOf,
  EXPORT_COLUMNS,
  type ExportRow,
  exportRows,
  exportSiteCsv,
  type SiteExport,
  toCsv,
} from './reports/exportCsv';
export { type QueriedItems, queryItems } from './reports/queryItems';
export { type DayRange, parseDayRange } from './reports/range';
export {
  average,
  buildTimeseries,
  type HourlyCounters,
  pageHours,
  siteHours,
  type TimeseriesInput,
} from './reports/timeseries';
export { matchRoute, ROUTES, type Route, type RouteMatch } from './router';
