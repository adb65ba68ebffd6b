// Integration tests start DynamoDB Local (a JVM, seconds on a busy 2-core machine), hence the longer timeout.
module.exports = { preset: '@footfall/config', testTimeout: 30_000 };
