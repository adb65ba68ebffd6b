// Errors of the beacon package's Node side: one base class, subclasses with fixed message shapes.
import { FootfallError } from '@footfall/kernel';

/** Base class of every error the beacon package produces. */
export class BeaconError extends FootfallError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BeaconError';
  }
}

/** The built files are missing or unreadable: the package has not been built (`pnpm --filter @footfall/beacon build`). */
export class BeaconBuildMissingError extends BeaconError {
  constructor(
    readonly distDir: string,
    options?: { cause?: unknown },
  ) {
    super(`beacon build not found in ${distDir}: run \`pnpm --filter @footfall/beacon build\``, options);
    this.name = 'BeaconBuildMissingError';
  }
}

/** `manifest.json` or the script next to it does not match what the build writes. */
export class BeaconManifestError extends BeaconError {
  constructor(
    readonly field: string,
    readonly expected: string,
  ) {
    super(`beacon manifest: ${field}: expected ${expected}`);
    this.name = 'BeaconManifestError';
  }
}
