// Launch options for Debian's Chromium under playwright-core, shared by every browser test suite: the
// flags that work as root, headless and without network (ENVIRONMENT.md).

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/**
 * Options for `chromium.launch()`: `CHROMIUM_PATH` (else /usr/bin/chromium) with the shared flags plus `extraArgs`.
 * @param {string[]} [extraArgs]
 */
function chromiumLaunchOptions(extraArgs = []) {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  };
}

module.exports = { CHROMIUM_ARGS, chromiumLaunchOptions };
