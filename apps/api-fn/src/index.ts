// Public face of @footfall/api-fn: the Lambda handler, its factory and config (reports live in @footfall/store).
export { type ApiConfig, type AuthKeySource, type ConfigResult, loadConfig } from './config';
export { type ApiHandler, type ApiHandlerOptions, createApiHandler } from './createApiHandler';
export { enrichPageview } from './enrich';
export { ApiError, ConfigError, ServiceUnavailableError } from './errors';
export { handler } from './handler';
export type { HttpResponse } from './http';
export type { LogLevel, LogSink } from './logger';
export { type DayRange, parseDayRange } from './reports/range';
export { matchRoute, ROUTES, type Route, type RouteMatch } from './router';
