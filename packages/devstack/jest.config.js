// Integration and e2e tests start DynamoDB Local, the stack and Chromium: generous per-test timeouts.
module.exports = { preset: '@footfall/config', testTimeout: 60_000 };
