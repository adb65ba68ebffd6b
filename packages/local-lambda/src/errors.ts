// Errors of local-lambda: one base class, so a caller can tell a function that cannot run from its own bugs.
import { FootfallError } from '@footfall/kernel';

/** Base class of every error this package raises. */
export class LocalLambdaError extends FootfallError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalLambdaError';
  }
}

/** A Lambda bundle is missing: the apps have not been built. */
export class BundleMissingError extends LocalLambdaError {
  readonly bundlePath: string;
  constructor(functionName: string, bundlePath: string, options?: { cause?: unknown }) {
    super(
      `${functionName}: ${bundlePath} does not exist; run \`pnpm build\` at the repository root first`,
      options,
    );
    this.name = 'BundleMissingError';
    this.bundlePath = bundlePath;
  }
}
