// Browser suites launch Chromium in beforeAll; on a busy 2-core machine that can pass Jest's 5 s default.
module.exports = { preset: '@footfall/config', testTimeout: 20_000 };
