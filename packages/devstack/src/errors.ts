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

/** A Lambda bundle is missing: the apps have not been built. */
export class BundleMissingError extends DevstackError {
  readonly bundlePath: string;
  constructor(functionName: string, bundlePath: string, options?: ErrorOptions) {
    super(
      `${functionName}: ${bundlePath} does not exist; run \`pnpm build\` at the repository root first`,
      options,
    );
    this.name = 'BundleMissingError';
    this.bundlePath = bundlePath;
  }
}
