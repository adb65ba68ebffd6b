// Errors raised by @footfall/devstack: one base class, so `pnpm dev` can tell its own failures from bugs.
import { FootfallError } from '@footfall/kernel';

/** Base class of every error this package raises. */
export class DevstackError extends FootfallError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DevstackError';
  }
}

/** An environment variable has a value the dev stack cannot use. */
export class DevConfigError extends DevstackError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DevConfigError';
  }
}

/** template.yaml lacks something the dev stack needs (a function, its routes, its stream event). */
export class DevTemplateError extends DevstackError {
  constructor(message: string, options?: ErrorOptions) {
    super(`template.yaml: ${message}`, options);
    this.name = 'DevTemplateError';
  }
}
