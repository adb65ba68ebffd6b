// Public face of @footfall/api-fn: the Lambda handler, its factory and config. Nothing imports an app: what two
// programs share lives in a package (store, core-model, kernel), and tools run the built bundle.
export { type ApiConfig, type AuthKeySource, type ConfigResult, loadConfig } from './config';
export { type ApiHandler, type ApiHandlerOptions, createApiHandler } from './createApiHandler';
export { ApiError, ConfigError, ServiceUnavailableError } from './errors';
export { handler } from './handler';
export type { HttpResponse } from './http';
export { type Access, matchRoute, ROUTES, type Route, type RouteMatch } from './router';
