// Sorts AWS errors into what to do next: retry later (transient), route elsewhere (a failed condition), or
// set aside for good (DynamoDB refused the request itself, and sending it again cannot change that).

const TRANSIENT_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TransactionConflictException',
  'TransactionInProgressException',
  'LimitExceededException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'AbortError',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

/**
 * The SDK sometimes rewraps a network error as a plain Error whose only trace of the cause is its message
 * ("AWS SDK error wrapper for Error: connect ECONNREFUSED …"), so the message is checked too.
 */
const NETWORK_MESSAGE = new RegExp(`\\b(${[...NETWORK_CODES].join('|')})\\b|socket hang up`);

interface AwsErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $retryable?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  cause?: unknown;
}

/** True for errors worth retrying later: throttling, 5xx from the service, timeouts and network failures. */
export function isTransientAwsError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const e = error as AwsErrorShape;
  if (typeof e.name === 'string' && TRANSIENT_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && NETWORK_MESSAGE.test(e.message)) return true;
  if (e.$retryable !== undefined && e.$retryable !== null) return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 500) return true;
  return e.cause !== undefined && e.cause !== error && isTransientAwsError(e.cause);
}

/** True when a conditional write's condition did not hold. */
export function isConditionalCheckFailed(error: unknown): boolean {
  return (
    error !== null &&
    typeof error === 'object' &&
    (error as AwsErrorShape).name === 'ConditionalCheckFailedException'
  );
}

/**
 * True when DynamoDB refused the request itself with a 4xx that no retry can cure: a ValidationException
 * (item over 400 KB, a counter that is not a number, an expression it cannot take) or a SerializationException.
 * Anything not known to be permanent is treated as transient, so an unknown failure is retried, never dropped.
 */
export function isPermanentAwsError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const e = error as AwsErrorShape;
  if (isTransientAwsError(error)) return false;
  return e.name === 'ValidationException' || e.name === 'SerializationException';
}

/** `Name: message` of an error, for logs and dead letters. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 2000);
  return String(error).slice(0, 2000);
}
