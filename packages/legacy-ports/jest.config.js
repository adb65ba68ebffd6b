// Integration tests start DynamoDB Local (a JVM, several seconds on a busy 2-core machine).
module.exports = { preset: '@footfall/config', testTimeout: 60_000 };
