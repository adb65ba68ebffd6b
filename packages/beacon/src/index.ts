// Node side of @footfall/beacon: the built tracking script (src/beacon.ts) for servers, and its size measure.
export { type BeaconAsset, beaconAsset, beaconDistDir, loadBeaconAsset } from './beaconAsset';
export { BeaconBuildMissingError, BeaconError, BeaconManifestError } from './errors';
export { gzipSize } from './gzipSize';
export { type BeaconBuild, type BeaconManifest, decodeManifest, MANIFEST_FILE } from './manifest';
