// Chromium for the dashboard's browser tests: @footfall/testing's launch, with the shared flags.
export { launchChromium } from '@footfall/testing';
