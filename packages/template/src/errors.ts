// Errors of @footfall/template: one base class so callers can tell the package's failures apart.
import { FootfallError } from '@footfall/kernel';

/** Base class of every error this package returns. */
export class TemplateReaderError extends FootfallError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TemplateReaderError';
  }
}

/** template.yaml could not be read, or a part of it has an unexpected shape; `path` names that part. */
export class TemplateError extends TemplateReaderError {
  readonly path: string;
  constructor(path: string, message: string, options?: ErrorOptions) {
    super(`template ${path}: ${message}`, options);
    this.name = 'TemplateError';
    this.path = path;
  }
}

/** A Lambda event filter pattern is not valid JSON or uses a form this evaluator does not know. */
export class FilterPatternError extends TemplateReaderError {
  readonly path: string;
  constructor(path: string, message: string, options?: ErrorOptions) {
    super(`filter pattern ${path}: ${message}`, options);
    this.name = 'FilterPatternError';
    this.path = path;
  }
}
