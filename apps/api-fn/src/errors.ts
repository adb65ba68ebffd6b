// Errors of api-fn: one base class carrying the HTTP status and the snake_case code the client sees.
import { FootfallError } from '@footfall/kernel';

/** An error that becomes an HTTP error response `{"error":{"code","message"}}` with `status`. */
export class ApiError extends FootfallError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApiError';
  }
}

/** The environment does not describe a usable deployment (a missing table name, a malformed list). */
export class ConfigError extends ApiError {
  constructor(message: string) {
    super(500, 'configuration_error', message);
    this.name = 'ConfigError';
  }
}

/** DynamoDB (or SSM) is throttling or unreachable: the client should retry after `retryAfterSeconds`. */
export class ServiceUnavailableError extends ApiError {
  constructor(retryAfterSeconds: number, options?: { cause?: unknown }) {
    super(
      503,
      'service_unavailable',
      'The service is busy or briefly unavailable; retry shortly.',
      { 'retry-after': String(retryAfterSeconds) },
      options,
    );
    this.name = 'ServiceUnavailableError';
  }
}

/** A 400 with a specific code. @example throw badRequest('invalid_range', '`from` is after `to`') */
export const badRequest = (code: string, message: string): ApiError => new ApiError(400, code, message);

/** A 401 for a missing, expired or forged session token. */
export const unauthorized = (code: string, message: string): ApiError =>
  new ApiError(401, code, message, { 'www-authenticate': 'Bearer' });

/** A 403 for a site that is not configured. */
export const siteNotAllowed = (site: string): ApiError =>
  new ApiError(403, 'site_not_allowed', `The site ${JSON.stringify(site.slice(0, 253))} is not configured.`);

/** A 404 for an unknown route or a missing static file. */
export const notFound = (message = 'No such resource.'): ApiError => new ApiError(404, 'not_found', message);
